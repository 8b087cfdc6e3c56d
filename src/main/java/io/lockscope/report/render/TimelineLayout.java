package io.lockscope.report.render;

import io.lockscope.report.model.Picture;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The geometry of the timeline picture as the HTML template draws it in SVG: one lane per process,
 * the picture's bars and failure marks placed on a seconds axis with round ticks. All coordinates are
 * SVG user units, already formatted (the template does no arithmetic); the picture itself decides
 * nothing here, only where things go. Public only so that the template engine may read it.
 */
public final class TimelineLayout {
    static final int WIDTH = 1160;
    private static final int LABEL_WIDTH = 230;
    private static final int RIGHT_PADDING = 34;
    private static final int TOP = 8;
    private static final int LANE_HEIGHT = 30;
    private static final int BAR_HEIGHT = 14;
    private static final int AXIS_HEIGHT = 42;
    private static final int MIN_BAR_WIDTH = 3;
    /** The last stretch of a bar still open at the end of the capture fades out towards the arrow. */
    private static final int FADE_WIDTH = 48;
    private static final int ARROW_LENGTH = 10;
    private static final int MARK_RADIUS = 8;
    private static final int LABEL_COLUMNS = 34;
    private static final int MAX_TICKS = 12;
    private static final Set<String> ROLES = Set.of("culprit", "servicing", "ruled-out", "other");

    public record Lane(int index, String label, String fullLabel, String role, String roleLabel, String y, String labelY,
                String centerY, String bandHeight, List<Bar> bars) {
    }

    /** @param solidWidth width drawn solid; for a bar open at the end the fade follows it */
    public record Bar(String x, String y, String width, String height, String solidWidth, boolean openAtEnd, String fadeX,
               String fadeWidth, String arrowPoints, String tooltip) {
    }

    public record Mark(String points, String tooltip) {
    }

    public record Tick(String x, String label) {
    }

    /** Tick labels: the time of day, with as many fraction digits as the tick step needs. */
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final List<Lane> lanes = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private final List<Tick> ticks = new ArrayList<>();
    private final int height;
    private final int axisY;
    private final double from;
    private final double span;
    private final String axisTitle;

    /** @throws IllegalArgumentException when a mark names a lane the picture does not have */
    TimelineLayout(Picture picture, Labels labels) {
        from = picture.from();
        span = picture.to() > picture.from() ? picture.to() - picture.from() : 1;
        List<Picture.Lane> pictureLanes = Nulls.orEmpty(picture.lanes());
        axisY = TOP + pictureLanes.size() * LANE_HEIGHT;
        height = axisY + AXIS_HEIGHT;
        for (int i = 0; i < pictureLanes.size(); i++) {
            lanes.add(lane(i, pictureLanes.get(i), labels));
        }
        for (Picture.Mark mark : Nulls.orEmpty(picture.marks())) {
            if (mark.lane() < 0 || mark.lane() >= pictureLanes.size()) {
                throw new IllegalArgumentException("picture mark '" + mark.label() + "' is in lane " + mark.lane()
                        + " of " + pictureLanes.size());
            }
            double x = x(mark.t());
            double y = laneCenter(mark.lane());
            marks.add(new Mark(points(x, y - MARK_RADIUS, x + MARK_RADIUS, y, x, y + MARK_RADIUS, x - MARK_RADIUS, y),
                    mark.label()));
        }
        double step = tickStep(span);
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        LocalTime origin = timeOfDay(picture.origin());
        axisTitle = origin == null ? labels.get("timelineAxis")
                : labels.get("timelineAxisTime") + labels.inParens(labels.code("clock", picture.clock()));
        for (double t = Math.ceil(from / step - 1e-9) * step; t <= from + span + step * 1e-6; t += step) {
            String label = origin == null ? String.format(Locale.ROOT, "%." + decimals + "f", t + 0.0) // no "-0.0"
                    : timeLabel(origin.plusNanos(Math.round(t * 1e9)), decimals);
            ticks.add(new Tick(number(x(t)), label));
        }
    }

    /**
     * The time of day of a time as the tables show it ({@code 2022-08-10T09:17:40.5212124Z},
     * {@code …+08:00}, or {@code 09:17:40.5212124}); null when it is not one.
     */
    static LocalTime timeOfDay(String time) {
        if (time == null) {
            return null;
        }
        String t = time.substring(time.indexOf('T') + 1).replaceFirst("(Z|[+-]\\d{2}:\\d{2})$", "");
        try {
            return LocalTime.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code HH:mm:ss} with {@code decimals} fraction digits (truncated, as the tick step needs no more). */
    private static String timeLabel(LocalTime t, int decimals) {
        String label = TIME_OF_DAY.format(t);
        if (decimals == 0) {
            return label;
        }
        String nanos = String.format(Locale.ROOT, "%09d", t.getNano());
        return label + "." + nanos.substring(0, Math.min(9, decimals));
    }

    private Lane lane(int index, Picture.Lane lane, Labels labels) {
        String role = ROLES.contains(lane.role()) ? lane.role() : "other";
        double top = TOP + index * LANE_HEIGHT;
        double barTop = laneCenter(index) - BAR_HEIGHT / 2.0;
        List<Bar> bars = new ArrayList<>();
        for (Picture.Bar bar : Nulls.orEmpty(lane.bars())) {
            double start = x(bar.start());
            double end = Math.max(x(bar.end()), start + MIN_BAR_WIDTH);
            double width = end - start;
            double fade = bar.openAtEnd() ? Math.min(FADE_WIDTH, width) : 0;
            double mid = barTop + BAR_HEIGHT / 2.0;
            String arrow = bar.openAtEnd()
                    ? points(end, barTop - 3, end + ARROW_LENGTH, mid, end, barTop + BAR_HEIGHT + 3) : "";
            String tooltip = Labels.joinNonNull(" — ", lane.label(), bar.label(), bar.kind(),
                    bar.openAtEnd() ? labels.get("openAtEnd") : null);
            bars.add(new Bar(number(start), number(barTop), number(width), String.valueOf(BAR_HEIGHT),
                    number(width - fade), bar.openAtEnd(), number(end - fade), number(fade), arrow, tooltip));
        }
        String label = lane.label() == null ? "" : lane.label();
        return new Lane(index, DisplayWidth.truncate(label, LABEL_COLUMNS), label, role, labels.code("role", role),
                number(top), number(laneCenter(index) + 4), number(laneCenter(index)), String.valueOf(LANE_HEIGHT),
                bars);
    }

    /** A round step (1, 2 or 5 times a power of ten) giving at most {@link #MAX_TICKS} ticks over {@code span}. */
    static double tickStep(double span) {
        double raw = span / MAX_TICKS;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (int multiple : new int[] {1, 2, 5, 10}) {
            if (multiple * power >= raw) {
                return multiple * power;
            }
        }
        return 10 * power;
    }

    /** The x of a time, kept inside the plot so that a bar beyond the axis ends at its edge. */
    private double x(double seconds) {
        double fraction = Math.min(1, Math.max(0, (seconds - from) / span));
        return LABEL_WIDTH + fraction * plotWidth();
    }

    private static double plotWidth() {
        return WIDTH - LABEL_WIDTH - RIGHT_PADDING;
    }

    private static double laneCenter(int lane) {
        return TOP + lane * LANE_HEIGHT + LANE_HEIGHT / 2.0;
    }

    private static String points(double... xy) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(number(xy[i])).append(',').append(number(xy[i + 1]));
        }
        return out.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    public List<Lane> getLanes() {
        return lanes;
    }

    public List<Mark> getMarks() {
        return marks;
    }

    public List<Tick> getTicks() {
        return ticks;
    }

    public int getWidth() {
        return WIDTH;
    }

    public int getHeight() {
        return height;
    }

    public int getAxisY() {
        return axisY;
    }

    public int getPlotLeft() {
        return LABEL_WIDTH;
    }

    public int getPlotRight() {
        return WIDTH - RIGHT_PADDING;
    }

    public int getTickLabelY() {
        return axisY + 18;
    }

    /** The axis title: absolute times with their clock, or seconds from the capture start. */
    public String getAxisTitle() {
        return axisTitle;
    }

    public int getAxisTitleY() {
        return axisY + 36;
    }
}
