#!/usr/bin/env python3
"""Times the vtt program as a whole process beside `wc -l` (and ffmpeg when installed) on the
same file: medians of N alternating runs, the median of the pairwise ratios, and peak memory.

usage: compare.py VTT_PROGRAM FILE [RUNS] [BATCH_FOLDER]

The runs alternate (vtt, reference, vtt, reference...) so that machine noise hits both sides
alike. Each row gives the median ratio and the range of the pairwise ratios; the spread of
`wc -l` itself is printed too, and a row where it moved by more than 20% (the machine had a
slow spell) is flagged: rerun it before trusting that row. With BATCH_FOLDER (files of one
folder, e.g. `gen_corpus.py --batch`), a batch converted at -j1 and -j2 into an empty output
folder (fresh) and over its own outputs (rerun), and one file of the same size at -j1."""
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


def spread(values):
    """(max - min) / median, in percent."""
    return (max(values) - min(values)) / statistics.median(values) * 100


def row(name, vtt_cmd, ref_cmd, runs, mb):
    ta, tb, ratios, mem = paired(vtt_cmd, ref_cmd, runs)
    t = statistics.median(ta)
    ref_moved = spread(tb)
    flag = "  <- wc -l moved over 20%: a slow spell, rerun" if ref_moved > 20 else ""
    print(f"{name:<15} {t:8.3f} {mb / t:8.0f} {statistics.median(tb):8.3f} {statistics.median(ratios):6.2f}x"
          f" {min(ratios):5.2f}-{max(ratios):<5.2f} {spread(ta):5.0f}% {ref_moved:5.0f}% {mem:8.1f}{flag}")


def batch(vtt, folder, runs, one_file):
    """-j1 and -j2 over a folder's files, fresh and rerun, beside one file of the same total size at -j1."""
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    mb = sum(os.path.getsize(f) for f in files) / 1e6

    def run_batch(jobs, fresh):
        out = tempfile.mkdtemp(prefix="vttbench-")
        cmd = [vtt, "convert", "--to", "srt", "-j", str(jobs), "--out-dir", out] + files
        if not fresh:
            measure(cmd)
        t = measure(cmd)[0]
        shutil.rmtree(out, ignore_errors=True)
        return t

    one_mb = os.path.getsize(one_file) / 1e6
    for fresh in (True, False):
        t1, t2, t_one = [], [], []
        for _ in range(runs):
            t_one.append(measure([vtt, "convert", "-j", "1", "--to", "srt", one_file])[0])
            t1.append(run_batch(1, fresh))
            t2.append(run_batch(2, fresh))
        m1, m2, mo = statistics.median(t1), statistics.median(t2), statistics.median(t_one)
        print(f"batch of {len(files)} files ({'fresh' if fresh else 'rerun'}, {mb:.0f} MB): -j1 {m1:.3f} s "
              f"(spread {spread(t1):.0f}%), -j2 {m2:.3f} s (spread {spread(t2):.0f}%), speed-up {m1 / m2:.2f}x; "
              f"per MB against one {one_mb:.0f} MB file at -j1: {(m1 / mb) / (mo / one_mb):.2f}x")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    vtt, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    mb = os.path.getsize(path) / 1e6
    wc = ["wc", "-l", path]
    print(f"file: {path} ({mb:.1f} MB), {runs} alternating runs each, medians; ratios to wc -l with their range")
    print(f"{'job':<15} {'vtt s':>8} {'MB/s':>8} {'wc s':>8} {'ratio':>7} {'range':>11} {'vtt±':>6} {'wc±':>6}"
          f" {'peak MiB':>8}")
    jobs = [("convert-srt", ["convert", "--to", "srt"]), ("convert-srt-j1", ["convert", "-j", "1", "--to", "srt"]),
            ("convert-json", ["convert", "--to", "json"]), ("lint", ["lint", "--format", "json", "--ignore", "W103"]),
            ("merge", ["merge"]), ("stitch", ["stitch"])]
    for name, args in jobs:
        row(name, [vtt] + args + [path], wc, runs, mb)
    if shutil.which("ffmpeg"):
        out = os.path.join(tempfile.mkdtemp(), "ffmpeg.srt")
        ta, tb, ratios, _ = paired([vtt, "convert", "--to", "srt", path],
                                   ["ffmpeg", "-v", "error", "-y", "-i", path, "-f", "srt", out], max(1, runs // 2))
        print(f"{'vs ffmpeg':<15} {statistics.median(ta):8.3f} {mb / statistics.median(ta):8.0f} "
              f"{statistics.median(tb):8.3f} {1 / statistics.median(ratios):6.1f}x faster than ffmpeg")
    else:
        print("ffmpeg not installed: no comparison (apt-get install ffmpeg)")
    if len(sys.argv) > 4:
        batch(vtt, sys.argv[4], runs, path)


if __name__ == "__main__":
    main()
