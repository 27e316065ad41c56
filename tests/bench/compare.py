#!/usr/bin/env python3
"""Times the vtt program as a whole process beside `wc -l` (and ffmpeg when installed) on the
same file: medians of N alternating runs, the median of the pairwise ratios, and peak memory.

usage: compare.py VTT_PROGRAM FILE [RUNS]

The runs alternate (vtt, reference, vtt, reference...) so that machine noise hits both sides
alike; the spread between the fastest and slowest run is printed as the noise figure."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def measure(cmd):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def paired(a, b, runs):
    ta, tb, ratios, mem = [], [], [], 0.0
    for _ in range(runs):
        x, m, _ = measure(a)
        y, _, _ = measure(b)
        ta.append(x)
        tb.append(y)
        ratios.append(x / y)
        mem = max(mem, m)
    return ta, tb, ratios, mem


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    vtt, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    mb = os.path.getsize(path) / 1e6
    wc = ["wc", "-l", path]
    print(f"file: {path} ({mb:.1f} MB), {runs} alternating runs each, medians")
    print(f"{'job':<14} {'vtt s':>8} {'MB/s':>8} {'ref s':>8} {'ratio':>7} {'noise':>7} {'peak MiB':>9}")
    jobs = [("convert-srt", ["convert", "--to", "srt"]), ("convert-json", ["convert", "--to", "json"]),
            ("lint", ["lint", "--format", "json", "--ignore", "W103"]), ("merge", ["merge"]), ("stitch", ["stitch"])]
    for name, args in jobs:
        ta, tb, ratios, mem = paired([vtt] + args + [path], wc, runs)
        t = statistics.median(ta)
        noise = (max(ta) - min(ta)) / t * 100
        print(f"{name:<14} {t:8.3f} {mb / t:8.0f} {statistics.median(tb):8.3f} {statistics.median(ratios):6.2f}x"
              f" {noise:6.0f}% {mem:9.1f}   (ref: wc -l)")
    if shutil.which("ffmpeg"):
        out = os.path.join(tempfile.mkdtemp(), "ffmpeg.srt")
        ta, tb, ratios, _ = paired([vtt, "convert", "--to", "srt", path],
                                   ["ffmpeg", "-v", "error", "-y", "-i", path, "-f", "srt", out], max(1, runs // 2))
        print(f"{'vs ffmpeg':<14} {statistics.median(ta):8.3f} {mb / statistics.median(ta):8.0f} "
              f"{statistics.median(tb):8.3f} {1 / statistics.median(ratios):6.1f}x faster than ffmpeg")
    else:
        print("ffmpeg not installed: no comparison (apt-get install ffmpeg)")


if __name__ == "__main__":
    main()
