package org.openvrm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code vrm --version}, from the version Maven wrote into the jar at build time. */
final class Version implements IVersionProvider {

    static String version() {
        try (InputStream in = Version.class.getResourceAsStream("/org/openvrm/cli/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vrm " + version()};
    }
}
