package org.openvrm.driver.libvirt;

/** Escaping for the few strings that reach domain XML from outside (names, paths, bridge names). */
final class Xml {

    private Xml() {
    }

    /** Escapes text for an element body or a single- or double-quoted attribute. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\'' -> out.append("&apos;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
