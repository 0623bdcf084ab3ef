package org.openvrm.cli;

/** What a console's tail gained between two reads of it, for {@code vrm vm console --follow}. */
final class ConsoleTail {

    private ConsoleTail() {}

    /**
     * The part of {@code now} after the longest end of {@code before} it starts with. Both are tails of one growing
     * output, so that overlap is where they join; none at all (the guest restarted, or more than a whole tail was
     * written between the reads) prints {@code now} whole.
     */
    static String added(String before, String now) {
        for (int overlap = Math.min(before.length(), now.length()); overlap > 0; overlap--) {
            if (now.regionMatches(0, before, before.length() - overlap, overlap)) {
                return now.substring(overlap);
            }
        }
        return now;
    }
}
