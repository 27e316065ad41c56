// End-to-end runs of the vtt program on a terminal: the hint when standard input is one,
// colour, source lines under lint findings, the progress bar and the summary of a batch.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.hpp"

using vtt_test::run_vtt;
using vtt_test::run_vtt_tty;
using vtt_test::screen_lines;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

constexpr auto npos = std::string::npos;

const std::string good = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n";
/// An invalid timing line: E002 at 3:1, the cue dropped, the file still converted.
const std::string bad_timing = "WEBVTT\n\n00:00:01.00 --> 00:00:02.000\nx\n";
const std::string hint = "vtt: reading WebVTT from standard input; pass a file or pipe one in (Ctrl-D ends)\n";

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("reading a terminal: a hint on standard error, then the input is read", "[cli][terminal]") {
  for (const auto* cmd : {"lint", "convert", "fmt", "merge", "stitch", "speakers"}) {
    INFO(cmd);
    const auto r = run_vtt_tty({cmd}, {.in = true, .out = false, .err = false}, good);
    CHECK(r.code == 0);
    CHECK(r.err.rfind(hint, 0) == 0);
  }
  const auto converted = run_vtt_tty({"convert", "-"}, {.in = true, .out = false, .err = false}, good);
  CHECK(converted.err == hint);
  CHECK(converted.out == good);  // read on after the hint
  const auto srt = run_vtt_tty({"convert", "--from", "srt"}, {.in = true, .out = false, .err = false},
                               "1\n00:00:01,000 --> 00:00:02,000\nhi\n");
  CHECK(srt.err == "vtt: reading SubRip from standard input; pass a file or pipe one in (Ctrl-D ends)\n");
  // No hint when standard input is not a terminal, is not read, or with -q.
  CHECK(run_vtt({"convert"}, good).err.empty());
  temp_dir dir;
  write_file(dir.file("a.vtt"), good);
  CHECK(run_vtt_tty({"convert", dir.file("a.vtt")}, {.in = true, .out = false, .err = false}).err.empty());
  CHECK(run_vtt_tty({"lint", "-q"}, {.in = true, .out = false, .err = false}, good).err.empty());
}

TEST_CASE("colour: --color always, never, and auto by the terminal and NO_COLOR", "[cli][terminal]") {
  const std::string red_error = "\x1b[1;31merror:\x1b[0m";
  CHECK(run_vtt({"convert", "--color", "always"}, bad_timing).err.find(red_error) != npos);
  CHECK(run_vtt({"convert", "--color", "never"}, bad_timing).err.find('\x1b') == npos);
  CHECK(run_vtt({"convert"}, bad_timing).err.find('\x1b') == npos);  // auto: standard error is a file
  temp_dir dir;
  write_file(dir.file("bad.vtt"), bad_timing);
  const std::vector<std::string> convert{"convert", dir.file("bad.vtt")};
  CHECK(run_vtt_tty(convert, {}, "", {"NO_COLOR"}).tty.find(red_error) != npos);   // auto on a terminal
  CHECK(run_vtt_tty(convert, {}, "", {"NO_COLOR="}).tty.find(red_error) != npos);  // empty: not set
  CHECK(run_vtt_tty(convert, {}, "", {"NO_COLOR=1"}).tty.find('\x1b') == npos);
  auto never = convert;
  never.insert(never.end(), {"--color", "never"});
  CHECK(run_vtt_tty(never, {}, "", {"NO_COLOR"}).tty.find('\x1b') == npos);
  auto always = convert;
  always.insert(always.end(), {"--color", "always"});
  CHECK(run_vtt_tty(always, {}, "", {"NO_COLOR=1"}).tty.find(red_error) != npos);  // asked for: NO_COLOR yields

  // lint: findings go to standard output, coloured when it is the terminal; the summary by
  // standard error.
  const auto piped = run_vtt_tty({"lint", dir.file("bad.vtt")}, {}, "", {"NO_COLOR"});
  CHECK(piped.out == dir.file("bad.vtt") +
                         ":3:1: error: invalid timing line (bad start time): the cue is dropped "
                         "[E002]\n");  // the SPEC form, byte for byte
  CHECK(piped.tty == "\x1b[1;31m1 error\x1b[0m, 0 warnings in 1 file\n");
  const auto forced = run_vtt({"lint", "--color", "always", "--show-source", "never", dir.file("bad.vtt")});
  CHECK(forced.out.find(red_error) != npos);
  CHECK(forced.err == "\x1b[1;31m1 error\x1b[0m, 0 warnings in 1 file\n");
  CHECK(run_vtt({"lint", "--color", "sometimes", dir.file("bad.vtt")}).code == 2);
  for (const auto* cmd : {"fmt", "merge", "stitch", "speakers"})
    CHECK(run_vtt({cmd, "--color", "never"}, good).code == 0);
}

TEST_CASE("lint --show-source: the source line and a caret under the column", "[cli][terminal]") {
  temp_dir dir;
  const auto file = dir.file("cjk.vtt");
  write_file(file, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n日本\t語 <b>x\n");
  const auto finding = file + ":4:6: warning: <b> is not closed [W105]\n";
  // Columns are code points; the CJK characters take two terminal columns, the tab four.
  const auto with_source = finding + " 4 | 日本    語 <b>x\n   |            ^\n";
  CHECK(run_vtt({"lint", "--show-source", "always", file}).out == with_source);
  CHECK(run_vtt({"lint", file}).out == finding);  // auto, not a terminal: the SPEC form
  const auto tty = run_vtt_tty({"lint", file}, {.in = false, .out = true, .err = false}, "", {"NO_COLOR=1"});
  CHECK(tty.tty == with_source);  // auto on a terminal
  CHECK(run_vtt_tty({"lint", "--show-source", "never", file}, {.in = false, .out = true, .err = false}, "",
                    {"NO_COLOR=1"})
            .tty == finding);
  // JSON and GitHub output never change.
  CHECK(run_vtt({"lint", "--show-source", "always", "--format", "json", file}).out ==
        run_vtt({"lint", "--format", "json", file}).out);
  // Standard input, with a BOM and CRLF line ends: the line as the parser numbered it.
  const auto piped = run_vtt({"lint", "--show-source", "always"},
                             "\xEF\xBB\xBFWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nx <b>y\r\n");
  CHECK(piped.out == "-:4:3: warning: <b> is not closed [W105]\n 4 | x <b>y\n   |   ^\n");
}

TEST_CASE("batch progress bar: messages take their own lines above it", "[cli][terminal]") {
  temp_dir dir;
  write_file(dir.file("a.vtt"), good);
  write_file(dir.file("c.vtt"), good);
  // The second input is a FIFO: the batch waits on it with the bar shown, then its error
  // diagnostic is printed while the bar is on the screen.
  const auto fifo = dir.file("b.vtt");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  bool fed = false;
  const auto r = run_vtt_tty(
      {"convert", "-j1", "--out-dir", dir.file("out"), dir.file("a.vtt"), fifo, dir.file("c.vtt")}, {}, "",
      {"NO_COLOR=1"}, [&](const std::string& so_far) {
        if (fed || so_far.find("1/3 files") == npos) return;
        const int fd = ::open(fifo.c_str(), O_WRONLY);
        (void)!::write(fd, bad_timing.data(), bad_timing.size());
        ::close(fd);
        fed = true;
      });
  CHECK(r.code == 0);
  REQUIRE(fed);  // the bar was drawn
  CHECK(screen_lines(r.tty) ==
        std::vector<std::string>{fifo + ":3:1: error: invalid timing line (bad start time): the cue is dropped [E002]",
                                 "3 converted, 1 error", ""});
}

TEST_CASE("batch progress bar: redrawn at most five times a second", "[cli][terminal]") {
  temp_dir dir;
  std::vector<std::string> args{"convert", "--out-dir", dir.file("out")};
  for (int i = 0; i < 1500; ++i) {
    args.push_back(dir.file("f" + std::to_string(i) + ".vtt"));
    write_file(args.back(), good);
  }
  const auto started = std::chrono::steady_clock::now();
  const auto r = run_vtt_tty(args, {}, "", {"NO_COLOR=1"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(r.code == 0);
  const auto draws = count(r.tty, " files");
  INFO(draws << " draws in " << seconds << " s");
  CHECK(static_cast<double>(draws) <= seconds * 5 + 2);
  CHECK(screen_lines(r.tty) == std::vector<std::string>{"1,500 converted", ""});
}

TEST_CASE("batch summary: files done and failed, errors and warnings, by count", "[cli][terminal]") {
  temp_dir dir;
  write_file(dir.file("a.vtt"), good);
  write_file(dir.file("b.vtt"), bad_timing);
  write_file(dir.file("c.vtt"), "no signature\n");
  const auto r = run_vtt({"convert", "--out-dir", dir.file("out"), "--map", "Nobody=X", dir.file("a.vtt"),
                          dir.file("b.vtt"), dir.file("c.vtt")});
  CHECK(r.code == 1);
  REQUIRE_FALSE(r.err.empty());
  CHECK(r.err.substr(r.err.rfind('\n', r.err.size() - 2) + 1) == "2 converted, 1 failed, 2 errors, 2 warnings\n");
  // A batch that simply succeeds: the summary on a terminal only, silent in scripts.
  const auto read = run_vtt_tty({"speakers", dir.file("a.vtt"), dir.file("a.vtt")},
                                {.in = false, .out = false, .err = true});
  CHECK(read.tty.find("2 read\n") != std::string::npos);
  CHECK(run_vtt({"speakers", dir.file("a.vtt"), dir.file("a.vtt")}).err.empty());
  CHECK(run_vtt({"convert", "-q", dir.file("a.vtt"), dir.file("a.vtt")}).err.empty());
  CHECK(run_vtt({"convert", dir.file("a.vtt")}).err.empty());  // one input: no summary
}
