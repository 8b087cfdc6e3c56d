package io.lockscope.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, from the Maven project: named in reports and shown by {@code --version}. */
public final class BuildVersion implements CommandLine.IVersionProvider {
    public static String current() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/io/lockscope/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"lockscope " + current()};
    }
}
