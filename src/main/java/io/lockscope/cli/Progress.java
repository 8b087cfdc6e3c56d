package io.lockscope.cli;

import io.lockscope.ingest.ReadProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A progress bar on stderr, shown only when stderr is a terminal and not --quiet: never on stdout, which
 * carries the report, and never into a log file or a pipe.
 */
final class Progress implements AutoCloseable {
    private static final Progress NONE = new Progress(null);
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar counting {@code total} items (events written, for {@code generate}). */
    static Progress start(String task, long total, boolean quiet) {
        if (quiet || !stderrIsTerminal()) {
            return NONE;
        }
        return new Progress(builder(task).setInitialMax(total).build());
    }

    /** One bar per input file read, in KiB or MiB, with rate and time left. */
    static ReadProgress reading(boolean quiet) {
        if (quiet || !stderrIsTerminal()) {
            return ReadProgress.NONE;
        }
        return new ReadProgress() {
            private ProgressBar bar;

            @Override
            public void begin(String input, long bytes) {
                end();
                // the file name alone: a long path would squeeze the bar off an 80-column terminal
                String name = input.substring(Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\')) + 1);
                boolean small = bytes < 16 << 20;
                bar = builder(name).setInitialMax(bytes).setUnit(small ? " KiB" : " MiB", small ? 1 << 10 : 1 << 20)
                        .showSpeed().setEtaFunction(Progress::timeLeft).build();
            }

            @Override
            public void at(long position) {
                if (bar != null) {
                    bar.stepTo(position);
                }
            }

            @Override
            public void end() {
                if (bar != null) {
                    bar.stepTo(bar.getMax());
                    bar.close();
                    bar = null;
                }
            }
        };
    }

    /**
     * The time left at the rate so far, once there is a rate to speak of: a reader that first jumps to a
     * table at the end of the file (PML) or has read a few kilobytes in its first millisecond would
     * otherwise show a time left of seconds for an hour's work, or of days.
     */
    private static Optional<Duration> timeLeft(ProgressState state) {
        Duration elapsed = state.getElapsedAfterStart();
        long done = state.getCurrent() - state.getStart();
        if (elapsed.toMillis() < 2_000 || done <= 0 || state.getMax() <= state.getCurrent()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (elapsed.toMillis() * ((double) (state.getMax() - state.getCurrent()) / done))));
    }

    private static ProgressBarBuilder builder(String task) {
        return new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }

    /**
     * Whether stderr is a terminal. {@code System.console()} asks about stdin and stdout, so it says no
     * when the report is redirected to a file while stderr still shows on the screen; on Linux the
     * descriptor's link tells stderr's own case, elsewhere (Windows) the console has to do.
     */
    static boolean stderrIsTerminal() {
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                String target = Files.readSymbolicLink(stderr).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    void stepTo(long done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
