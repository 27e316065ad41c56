#!/usr/bin/env python3
"""`vtt speakers --timeline` (docs/transcripts.md): the SVG is well-formed XML, self-contained
SVG 1.1, has the lanes, shares and ticks expected of samples/podcast.vtt (worked out from its
`vtt speakers` table), renders with rsvg-convert (librsvg2-bin) at 1600 px with each lane's
colour where its bars are, stays small for a generated three-hour file, and docs/timeline.svg
is what the documented command makes. Exit 77 (skipped) without rsvg-convert.

Usage: timeline_check.py VTT PROJECT_DIR
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_transcript  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"]
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def read_png(path):
    """Width, height and rows of RGBA pixels of an 8-bit RGBA or RGB PNG without interlace."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, [[tuple(r[x * bpp:x * bpp + 3]) for x in range(width)] for r in rows]


def rgb(colour):
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def timeline(vtt, source, out):
    r = subprocess.run([vtt, "speakers", "--timeline", out, source], capture_output=True)
    check(r.returncode == 0, f"speakers --timeline {source}: exit 0 (got {r.returncode}: {r.stderr[:200]!r})")
    return ET.parse(out).getroot()


def self_contained(root, what):
    check(root.tag == SVG + "svg" and root.get("version") == "1.1", f"{what}: an <svg version=\"1.1\"> root")
    check(root.get("width") == "1600", f"{what}: 1600 px wide (got {root.get('width')})")
    for e in root.iter():
        check(e.tag.replace(SVG, "") not in ("script", "image", "foreignObject", "style"), f"{what}: no <{e.tag}>")
        for k, v in e.attrib.items():
            check("href" not in k and "url(" not in v and "javascript" not in v, f"{what}: nothing external ({k}={v})")


def lane_bars(root):
    """The bars of each lane colour, as (x, y, width, height)."""
    bars = {}
    for r in root.iter(SVG + "rect"):
        if r.get("fill") in COLOURS and float(r.get("x")) > 200:
            bars.setdefault(r.get("fill"), []).append(tuple(float(r.get(k)) for k in ("x", "y", "width", "height")))
    return bars


def colours_where_bars_are(svg_path, root, what, tmp):
    png = os.path.join(tmp, "out.png")
    subprocess.run(["rsvg-convert", svg_path, "-o", png], check=True)
    w, h, px = read_png(png)
    check((w, h) == (1600, int(root.get("height"))), f"{what}: PNG of 1600 x {root.get('height')} (got {w} x {h})")
    for colour, bars in lane_bars(root).items():
        x, y, bw, bh = max(bars, key=lambda b: b[2])
        got = px[int(y + bh / 2)][int(x + bw / 2)]
        check(all(abs(a - b) <= 8 for a, b in zip(got, rgb(colour))),
              f"{what}: the widest bar of {colour} is that colour in the PNG (got {got})")
        # Between lanes (above the bar's lane) the background is white.
        above = px[int(y) - 7][int(x + bw / 2)]
        check(above == (255, 255, 255) or min(above) > 200, f"{what}: the gap above lane {colour} is light ({above})")
    return px


def long_file(vtt, tmp, hours):
    what = f"{hours} h"
    cues, _ = gen_transcript.conversation(hours * 3600)
    long_vtt = os.path.join(tmp, f"{hours}h.vtt")
    open(long_vtt, "w", encoding="utf-8").write(gen_transcript.webvtt(cues))
    long_svg = os.path.join(tmp, f"{hours}h.svg")
    root = timeline(vtt, long_vtt, long_svg)
    self_contained(root, what)
    size = os.path.getsize(long_svg)
    bars = sum(len(b) for b in lane_bars(root).values())
    check(size < 150_000, f"{what}: the SVG stays small (got {size} bytes)")
    check(bars < 4 * 1356, f"{what}: at most one bar per pixel and lane ({bars} bars)")
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    # Under an hour M:SS, from an hour on H:MM:SS (the generated hour ends a little early).
    want = ["0:00", "45:00"] if hours == 1 else ["0:00:00", f"{hours - 1}:45:00"]
    check(all(w in texts for w in want), f"{what}: tick labels {want}")
    colours_where_bars_are(long_svg, root, what, tmp)
    return size, bars


def main():
    vtt, project = sys.argv[1], sys.argv[2]
    if shutil.which("rsvg-convert") is None:
        print("skipped: rsvg-convert not installed (Debian package librsvg2-bin)")
        return 77
    tmp = tempfile.mkdtemp()
    sample = os.path.join(project, "samples", "podcast.vtt")
    out = os.path.join(tmp, "podcast.svg")
    root = timeline(vtt, sample, out)
    self_contained(root, "podcast")
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    check("Harbour Lights, Episode 12: The Night Ferry" in texts, "podcast: the title is drawn")
    # samples/podcast.vtt: speakers 1, 2, 3 first speak in that order; talk shares 34.6%,
    # 43.6%, 21.9% (docs/transcripts.md, `vtt speakers`).
    check(["Speaker 134.6%", "Speaker 243.6%", "Speaker 321.9%"] == [t for t in texts if t.startswith("Speaker")],
          f"podcast: lanes in order of first speech with their shares (got {texts})")
    check(set(lane_bars(root)) == set(COLOURS[:3]), "podcast: three lanes of bars in the first three colours")
    # Turns: Speaker 1 has 3, Speaker 2 2, Speaker 3 2 (the `vtt speakers` table), all far
    # more than a pixel apart over 43 s.
    check({c: len(b) for c, b in lane_bars(root).items()} == {COLOURS[0]: 3, COLOURS[1]: 2, COLOURS[2]: 2},
          "podcast: one bar per turn")
    check("0:00" in texts and "0:40" in texts, "podcast: tick labels 0:00 ... 0:40")
    colours_where_bars_are(out, root, "podcast", tmp)
    documented = open(os.path.join(project, "docs", "timeline.svg"), encoding="utf-8").read()
    check(documented == open(out, encoding="utf-8").read(),
          "docs/timeline.svg is what `vtt speakers --timeline docs/timeline.svg samples/podcast.vtt` makes")

    # One and three hours: readable (one lane per speaker, H:MM:SS ticks) and small.
    for hours in (1, 3):
        size, bars = long_file(vtt, tmp, hours)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)" if problems else f"timeline: ok (three hours: {size} bytes, {bars} bars)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
