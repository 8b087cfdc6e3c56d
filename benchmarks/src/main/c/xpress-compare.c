/*
 * Two builds of native-helpers/xpress.c side by side (benchmarks/xpress-compare.sh): the kept one,
 * compiled with lockscope_xpress_decode renamed to decode_kept, and a candidate, renamed to
 * decode_tried. First both must give the same result on every stream of the file and on damaged and
 * cut copies of them (the same bytes and length, or the same corrupt position); then they decode every
 * stream in turn, ROUNDS times each, alternating, and the best and mean round of each are printed.
 *
 * usage: xpress-compare STREAMS [ROUNDS]; STREAMS as io.lockscope.benchmarks.XpressStreams writes them:
 * per buffer, the stream's length and decoded length (32-bit little-endian), then the stream.
 */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int32_t decode_kept(const uint8_t *src, int32_t src_len, uint8_t *dst, int32_t dst_len, int32_t stop_when_full);
int32_t decode_tried(const uint8_t *src, int32_t src_len, uint8_t *dst, int32_t dst_len, int32_t stop_when_full);

enum { MAX_DECODED = 1 << 20, DAMAGED_COPIES = 20000 };

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

static int32_t le32(const uint8_t *p) {
    return (int32_t) ((uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24);
}

/* Both decoders on one input: 0 where they agree. */
static int differ(const uint8_t *src, int32_t len, int32_t decoded, int32_t stop, uint8_t *a, uint8_t *b) {
    int32_t ra = decode_kept(src, len, a, decoded, stop);
    int32_t rb = decode_tried(src, len, b, decoded, stop);
    return ra != rb || (ra > 0 && memcmp(a, b, (size_t) ra) != 0);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s STREAMS [ROUNDS]\n", argv[0]);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0) {
        perror(argv[1]);
        return 2;
    }
    long size = ftell(f);
    rewind(f);
    uint8_t *all = malloc((size_t) size);
    if (all == NULL || fread(all, 1, (size_t) size, f) != (size_t) size) {
        fprintf(stderr, "%s: cannot read\n", argv[1]);
        return 2;
    }
    fclose(f);
    int count = 0;
    for (long at = 0; at + 8 <= size; at += 8 + le32(all + at)) {
        count++;
    }
    const uint8_t **stream = malloc(sizeof *stream * (size_t) count);
    int32_t *length = malloc(sizeof *length * (size_t) count);
    int32_t *decoded = malloc(sizeof *decoded * (size_t) count);
    long at = 0;
    for (int i = 0; i < count; i++, at += 8 + length[i - 1]) {
        length[i] = le32(all + at);
        decoded[i] = le32(all + at + 4);
        stream[i] = all + at + 8;
        if (length[i] < 0 || at + 8 + length[i] > size || decoded[i] < 0 || decoded[i] > MAX_DECODED) {
            fprintf(stderr, "%s: stream %d at byte %ld does not fit\n", argv[1], i, at);
            return 2;
        }
    }
    uint8_t *out_a = malloc(MAX_DECODED), *out_b = malloc(MAX_DECODED), *copy = malloc(MAX_DECODED);
    long bytes = 0;
    for (int i = 0; i < count; i++) {
        if (differ(stream[i], length[i], decoded[i], 0, out_a, out_b)) {
            printf("different results on stream %d\n", i);
            return 1;
        }
        bytes += decoded[i];
    }
    srand(1);
    for (int k = 0; k < DAMAGED_COPIES; k++) {
        int i = rand() % count;
        int32_t len = length[i], want = decoded[i];
        memcpy(copy, stream[i], (size_t) len);
        switch (k % 3) {
            case 0: len = rand() % (len + 1); break;                                     /* cut */
            case 1: for (int j = 0; j < 4; j++) copy[rand() % len] ^= (uint8_t) (1 + rand() % 255); break;
            default: want = rand() % (want + 1); break;                                  /* output too small */
        }
        if (differ(copy, len, want, k & 1, out_a, out_b)) {
            printf("different results on damaged copy %d of stream %d\n", k, i);
            return 1;
        }
    }
    printf("%d streams, %ld bytes decoded, and %d damaged copies: the same results\n", count, bytes, DAMAGED_COPIES);
    int rounds = argc > 2 ? atoi(argv[2]) : 10;
    double best_kept = 1e9, best_tried = 1e9, sum_kept = 0, sum_tried = 0;
    for (int r = 0; r < rounds; r++) {
        double t0 = seconds();
        for (int i = 0; i < count; i++) {
            decode_kept(stream[i], length[i], out_a, decoded[i], 0);
        }
        double t1 = seconds();
        for (int i = 0; i < count; i++) {
            decode_tried(stream[i], length[i], out_b, decoded[i], 0);
        }
        double t2 = seconds();
        best_kept = t1 - t0 < best_kept ? t1 - t0 : best_kept;
        best_tried = t2 - t1 < best_tried ? t2 - t1 : best_tried;
        sum_kept += t1 - t0;
        sum_tried += t2 - t1;
    }
    printf("kept:  best %.3f s, mean %.3f s\ntried: best %.3f s, mean %.3f s (%d rounds each)\n", best_kept,
           sum_kept / rounds, best_tried, sum_tried / rounds, rounds);
    return 0;
}
