package io.lockscope.spark;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The jar's main class. Under {@code spark-submit} Spark is on the classpath and {@link SparkBatch}
 * runs at once. Run with {@code java -jar} to try it, Spark is not there: its jars are loaded from the
 * {@code lib/} folder the build puts beside this jar ({@code spark/target/lib}), so no Spark
 * installation is needed.
 */
public final class Launcher {
    private static final String SPARK_CLASS = "org.apache.spark.sql.SparkSession";

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        if (onClasspath(SPARK_CLASS)) {
            SparkBatch.main(args);
            return;
        }
        Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = jar.resolveSibling("lib");
        if (!Files.isDirectory(lib)) {
            // before the options are read: the machine's language
            String lang = Locale.getDefault().getLanguage().equals("zh") ? "zh-CN" : "en";
            System.err.println(Messages.text(lang, "noSpark", lib));
            System.exit(2);
        }
        // the platform loader as parent: lockscope and Spark then come from one loader, this jar's copy included
        URLClassLoader loader = new URLClassLoader(urls(jar, lib), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass(SparkBatch.class.getName()).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, Launcher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static URL[] urls(Path jar, Path lib) throws IOException, URISyntaxException {
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path p : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
