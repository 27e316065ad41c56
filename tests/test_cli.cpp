// End-to-end runs of the vtt program: standard streams, exit codes, files, batches, pipes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

const std::string sample = std::string(VTTKIT_SAMPLES_DIR) + "/podcast.vtt";
const std::string two_cues = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One.\n\n00:02.000 --> 00:03.000\n<v Bo>Two.\n";

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("convert reads standard input and writes standard output", "[cli][convert]") {
  const auto r = run_vtt({"convert", "--to", "srt"}, two_cues);
  CHECK(r.code == 0);
  CHECK(r.out == "1\n00:00:01,000 --> 00:00:02,000\nAnn: One.\n\n2\n00:00:02,000 --> 00:00:03,000\nBo: Two.\n");
  CHECK(r.err.empty());
  CHECK(run_vtt({"convert", "--to", "srt", "-"}, two_cues).out == r.out);
}

TEST_CASE("convert defaults to canonical vtt", "[cli][convert]") {
  const auto r = run_vtt({"convert"}, "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nx\n");
  CHECK(r.code == 0);
  CHECK(r.out == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n");
}

TEST_CASE("every format of the bundled sample", "[cli][convert]") {
  for (const char* f : {"vtt", "srt", "json", "jsonl", "md", "txt", "podcast-json"}) {
    INFO(f);
    const auto r = run_vtt({"convert", "--to", f, sample});
    CHECK(r.code == 0);
    CHECK(r.out == read_file(std::string(VTTKIT_GOLDEN_DIR) + "/podcast.vtt." + f));  // reviewed by hand
    CHECK(r.err.empty());
  }
  const auto md = run_vtt({"convert", "--to", "md", sample}).out;
  CHECK(md.rfind("# Harbour Lights, Episode 12: The Night Ferry\n\n**Speaker 1** [00:00:01] Welcome back", 0) == 0);
  CHECK(count(md, "**Speaker") == 7);  // 7 speaker turns in the sample
}

TEST_CASE("errors go to standard error with file, line and column; data still written", "[cli][convert]") {
  const auto r = run_vtt({"convert", "--to", "json"},
                         "WEBVTT\n\n00:01.000 --> 00:02\nlost\n\n00:03.000 --> 00:04.000\nkept\n");
  CHECK(r.code == 0);
  CHECK(r.err == "-:3:15: error: invalid timing line (bad end time): the cue is dropped [E002]\n");
  CHECK(count(r.out, "\"text\": \"kept\"") == 1);
  CHECK(run_vtt({"convert", "--strict", "--to", "json"}, "WEBVTT\n\n00:01.000 --> 00:02\nlost\n").code == 1);
}

TEST_CASE("no signature: a message and exit 1; unreadable input: exit 2", "[cli][convert]") {
  const auto r = run_vtt({"convert", "--to", "json"}, "hello\n\n00:01.000 --> 00:02.000\nx\n");
  CHECK(r.code == 1);
  CHECK(r.err.find("[E001]") != std::string::npos);
  CHECK(r.out.empty());
  const auto missing = run_vtt({"convert", "no/such/file.vtt"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("no/such/file.vtt") != std::string::npos);
  CHECK(missing.out.empty());
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(run_vtt({"convert", "--to", "docx"}).code == 2);
  CHECK(run_vtt({"convert", "--no-such-flag"}).code == 2);
  CHECK(run_vtt({}).code == 2);
  CHECK(run_vtt({"frobnicate"}).code == 2);
}

TEST_CASE("help and version flags", "[cli]") {
  const auto v = run_vtt({"--version"});
  CHECK(v.code == 0);
  CHECK(v.out.rfind("vtt ", 0) == 0);
  for (const char* cmd : {"convert", "merge", "stitch", "speakers", "lint", "fmt"}) {
    INFO(cmd);
    const auto h = run_vtt({cmd, "--help"});
    CHECK(h.code == 0);
    CHECK(h.out.find("Usage") != std::string::npos);
  }
}

TEST_CASE("choices are the library's names, defaults shown are the options'", "[cli]") {
  CHECK(run_vtt({"convert", "--to", "podcast-json"}, two_cues).code == 0);
  CHECK(run_vtt({"convert", "--to", "1"}, two_cues).code == 2);  // a name, not the enum's number
  CHECK(run_vtt({"convert", "--speaker-labels", "every", "--to", "txt"}, two_cues).code == 0);
  CHECK(run_vtt({"convert", "--from", "srt2"}, two_cues).code == 2);
  CHECK(run_vtt({"lint", "--profile", "transcript"}, two_cues).code == 0);
  CHECK(run_vtt({"lint", "--profile", "none"}, two_cues).code == 2);
  const auto convert = run_vtt({"convert", "--help"}).out;
  CHECK(convert.find("{vtt,srt,json,jsonl,md,txt,podcast-json,html}=vtt") != std::string::npos);
  CHECK(convert.find("{none,change,every}=change") != std::string::npos);
  CHECK(convert.find("--max-gap SECONDS=2") != std::string::npos);
  CHECK(convert.find("--max-chars N=0") != std::string::npos);
  CHECK(convert.find("-j,--jobs N=0") != std::string::npos);
  const auto lint = run_vtt({"lint", "--help"}).out;
  CHECK(lint.find("--max-line-length N=42") != std::string::npos);
  CHECK(lint.find("--max-cps NUMBER=20") != std::string::npos);
  CHECK(lint.find("--min-duration SECONDS=0.833") != std::string::npos);
  CHECK(lint.find("(default ") == std::string::npos);  // no default value typed into a help text
}

TEST_CASE("SubRip in, detected by content on standard input", "[cli][srt]") {
  const auto r = run_vtt({"convert", "--to", "jsonl"}, "1\n00:00:01,000 --> 00:00:02,000\n<i>Hi</i>\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("\"raw\": \"<i>Hi</i>\"") != std::string::npos);
}

TEST_CASE("output files are written atomically and never over an input", "[cli][safety]") {
  temp_dir d;
  const auto in = d.file("in.vtt"), out = d.file("out.srt");
  write_file(in, two_cues);
  CHECK(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  CHECK(read_file(out).rfind("1\n00:00:01,000", 0) == 0);
  const auto refused = run_vtt({"convert", "--to", "srt", in, "-o", in});
  CHECK(refused.code != 0);
  CHECK(refused.err.find("that is an input file") != std::string::npos);
  CHECK(read_file(in) == two_cues);
  const auto link = d.file("link.vtt");
  REQUIRE(::link(in.c_str(), link.c_str()) == 0);  // another name, the same file
  CHECK(run_vtt({"convert", in, "-o", link}).code != 0);
  CHECK(read_file(in) == two_cues);
  CHECK(run_vtt({"convert", in, d.file("x.vtt"), "-o", out}).code == 2);  // -o with several inputs
}

TEST_CASE("a replaced file keeps its hard links, owner and group; a read-only one is refused", "[cli][safety]") {
  temp_dir d;
  const std::string messy = "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nhi\n";
  const std::string tidy = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n";
  write_file(d.file("a.vtt"), messy);
  REQUIRE(::link(d.file("a.vtt").c_str(), d.file("b.vtt").c_str()) == 0);
  auto r = run_vtt({"fmt", "--in-place", d.file("a.vtt")});
  CHECK(r.code == 0);
  CHECK(read_file(d.file("b.vtt")) == tidy);  // the other name sees the new content
  struct stat a {
  }, b{};
  REQUIRE(::stat(d.file("a.vtt").c_str(), &a) == 0);
  REQUIRE(::stat(d.file("b.vtt").c_str(), &b) == 0);
  CHECK(a.st_ino == b.st_ino);
  CHECK(a.st_nlink == 2);
  std::vector<std::string> names;  // no temporary file left
  for (const auto& e : std::filesystem::directory_iterator(d.path)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"a.vtt", "b.vtt"});
  write_file(d.file("c.vtt"), messy);
  if (::geteuid() == 0) {
    REQUIRE(::chown(d.file("c.vtt").c_str(), 1234, 5678) == 0);
    CHECK(run_vtt({"fmt", "--in-place", d.file("c.vtt")}).code == 0);
    struct stat c {};
    REQUIRE(::stat(d.file("c.vtt").c_str(), &c) == 0);
    CHECK(c.st_uid == 1234);
    CHECK(c.st_gid == 5678);
    CHECK(read_file(d.file("c.vtt")) == tidy);
  } else {
    ::chmod(d.file("c.vtt").c_str(), 0444);
    r = run_vtt({"fmt", "--in-place", d.file("c.vtt")});
    CHECK(r.code == 1);
    CHECK(r.err.find("not writable: refusing to replace a file you may not write") != std::string::npos);
    CHECK(read_file(d.file("c.vtt")) == messy);
  }
}

TEST_CASE("a failed write is an error and leaves no temporary file", "[cli][safety]") {
  const auto full = run_vtt({"convert", "--to", "srt", sample, "-o", "/dev/full"});
  CHECK(full.code != 0);
  CHECK(full.err.find("write failed") != std::string::npos);
}

TEST_CASE("out-dir and recursive mirror inputs; one bad file does not stop the others", "[cli][batch]") {
  temp_dir d;
  ::mkdir(d.file("in").c_str(), 0755);
  ::mkdir(d.file("in/sub").c_str(), 0755);
  write_file(d.file("in/a.vtt"), two_cues);
  write_file(d.file("in/sub/b.vtt"), two_cues);
  write_file(d.file("in/bad.vtt"), "not a subtitle");
  write_file(d.file("in/notes.txt"), "ignored");
  const auto r = run_vtt({"convert", "-r", "-j", "2", "--to", "srt", "--out-dir", d.file("out"), d.file("in")});
  CHECK(r.code == 1);
  CHECK(r.err.find("bad.vtt") != std::string::npos);
  CHECK(read_file(d.file("out/a.srt")).rfind("1\n", 0) == 0);
  CHECK(read_file(d.file("out/sub/b.srt")) == read_file(d.file("out/a.srt")));
  struct stat st {};
  CHECK(::stat(d.file("out/notes.srt").c_str(), &st) != 0);
  CHECK(::stat(d.file("out/bad.srt").c_str(), &st) != 0);
}

TEST_CASE("two inputs that would write the same output: the second is an error", "[cli][batch]") {
  temp_dir d;
  ::mkdir(d.file("x").c_str(), 0755);
  write_file(d.file("a.vtt"), two_cues);
  write_file(d.file("x/a.vtt"), two_cues);
  const auto r = run_vtt({"convert", "--out-dir", d.file("out"), "--to", "txt", d.file("a.vtt"), d.file("x/a.vtt")});
  CHECK(r.code == 1);
  CHECK(r.err.find("already writes") != std::string::npos);
}

TEST_CASE("a closed standard output ends quietly with exit 0", "[cli][pipe]") {
  temp_dir d;
  std::string big = "WEBVTT\n";
  for (int i = 0; i < 50000; ++i) big += "\n00:00:01.000 --> 00:00:02.000\n<v A>Some words to fill the pipe.\n";
  write_file(d.file("big.vtt"), big);
  const std::string file = "'" + d.file("big.vtt") + "'";
  // Each writes far more than a pipe holds (lint: a W102 finding per cue); the batches stop
  // every worker, not only the one that saw the pipe close.
  for (const std::string& args :
       {"convert --to srt " + file, "merge " + file, "stitch " + file, "fmt " + file, "lint --format json " + file,
        "convert -j2 --to txt " + file + " " + file + " " + file, "lint -j2 " + file + " " + file + " " + file}) {
    INFO(args);
    const std::string cmd = std::string("set -o pipefail; '") + VTT_PROGRAM + "' " + args + " 2>'" + d.file("err") +
                            "' | head -c 10 >/dev/null";
    const int status = std::system(("bash -c \"" + cmd + "\"").c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(read_file(d.file("err")).empty());
  }
}

TEST_CASE("hostile input gets a clean exit from convert and lint", "[cli][hostile]") {
  std::string deep = "WEBVTT\n\n00:01.000 --> 00:02.000\n";
  for (int i = 0; i < 200000; ++i) deep += "<b>";
  deep += "x\n";
  std::string arrows = "WEBVTT\n\n";
  for (int i = 0; i < 100000; ++i) arrows += "-->\n";
  std::string random_bytes;
  std::uint32_t state = 7;
  for (int i = 0; i < 2'000'000; ++i) {
    state = state * 1664525u + 1013904223u;
    random_bytes += static_cast<char>(state >> 24);
  }
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"signature only", "WEBVTT"},
      {"BOM only", "\xEF\xBB\xBF"},
      {"CR line ends", "WEBVTT\r\r00:01.000 --> 00:02.000\rhello\r"},
      {"20-digit hours", "WEBVTT\n\n99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000\nx\n"},
      {"200,000 nested tags", deep},
      {"4 MB line", "WEBVTT\n\n00:01.000 --> 00:02.000\n" + std::string(4'000'000, 'a') + "\n"},
      {"random bytes", random_bytes},
      {"100,000 bare arrows", arrows},
  };
  for (const auto& [name, input] : cases) {
    INFO(name);
    const auto conv = run_vtt({"convert", "--to", "json"}, input);
    CHECK((conv.code == 0 || conv.code == 1));
    const auto lint = run_vtt({"lint", "-"}, input);
    CHECK((lint.code == 0 || lint.code == 1));
  }
  // What each of them gives is known too.
  CHECK(run_vtt({"convert", "--to", "json"}, "WEBVTT").out == "{\"title\": null, \"cues\": []}\n");
  CHECK(run_vtt({"convert", "--to", "json"}, "").code == 1);
  const auto cr = run_vtt({"convert", "--to", "jsonl"}, "WEBVTT\r\r00:01.000 --> 00:02.000\rhello\r");
  CHECK(cr.out.find("\"text\": \"hello\"") != std::string::npos);
  const auto huge = run_vtt({"convert", "--to", "json"},
                            "WEBVTT\n\n99999999999999999999:00:00.000 --> 99999999999999999999:00:01.000\nx\n");
  CHECK(huge.err.find("[E002]") != std::string::npos);
}

TEST_CASE("speakers: the sample's figures, worked out by hand", "[cli][speakers]") {
  // Speaker 2: 2.75 + 3.2 + 2.48 + 3.35 + 3.31 + 1.76 = 16.85 s of 38.68 s in all (43.56%).
  // Speaker 3: three cues, two turns, 11 + 12 + 10 = 33 words, 8.46 s (21.87%).
  const auto r = run_vtt({"speakers", "--json", sample});
  CHECK(r.code == 0);
  CHECK(r.out ==
        "{\"speakers\": [\n"
        "  {\"speaker\": \"Speaker 2\", \"cues\": 6, \"turns\": 2, \"words\": 55, \"talk_time\": 16.850, \"share\": "
        "43.56},\n"
        "  {\"speaker\": \"Speaker 1\", \"cues\": 5, \"turns\": 3, \"words\": 40, \"talk_time\": 13.370, \"share\": "
        "34.57},\n"
        "  {\"speaker\": \"Speaker 3\", \"cues\": 3, \"turns\": 2, \"words\": 33, \"talk_time\": 8.460, \"share\": "
        "21.87}\n"
        "]}\n");
  const auto table = run_vtt({"speakers", sample});
  CHECK(table.out.find("Speaker 2       6       2       55     0:00:16   43.6%") != std::string::npos);
}

TEST_CASE("convert does the whole transcript job in one command", "[cli][transcript]") {
  const auto r = run_vtt({"convert", "--map", "Speaker 1=Rosa", "--map", "speaker  2=Tom", "--stitch", "--to", "txt",
                          "--speaker-labels", "every", sample});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("Rosa: Welcome back to Harbour Lights, the show about the people who keep a small port running.\n"
                    "Rosa: I'm your host, and today we're talking to the captain of the night ferry.\n\n"
                    "Tom: Thanks for having me.\n",
                    0) == 0);
  const auto warn = run_vtt({"convert", "--map", "Speaker 9=Nobody", sample});
  CHECK(warn.err.find("\"Speaker 9\"") != std::string::npos);
}

TEST_CASE("merge and stitch compose in a pipe", "[cli][transcript]") {
  const auto merged = run_vtt({"merge", sample});
  CHECK(merged.code == 0);
  const auto stitched = run_vtt({"stitch", "--to", "jsonl"}, merged.out);
  CHECK(stitched.code == 0);
  CHECK(count(stitched.out, "\n") == 17);  // the sample has 17 sentences (counted by hand)
}

TEST_CASE("an output that would not change is left untouched; one that would is replaced", "[cli][safety]") {
  temp_dir d;
  const auto in = d.file("in.vtt"), out = d.file("out.srt");
  write_file(in, two_cues);
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  struct stat first {};
  REQUIRE(::stat(out.c_str(), &first) == 0);
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  struct stat second {};
  REQUIRE(::stat(out.c_str(), &second) == 0);
  CHECK(second.st_ino == first.st_ino);  // not replaced: the same file
  // Longer, then shorter content: the file is replaced and holds exactly the new output.
  write_file(in, two_cues + "\n00:03.000 --> 00:04.000\n<v Cy>Three.\n");
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  CHECK(count(read_file(out), "-->") == 3);
  write_file(in, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One.\n");
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  CHECK(read_file(out) == "1\n00:00:01,000 --> 00:00:02,000\nAnn: One.\n");
  // Same beginning, different end.
  write_file(in, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Two.\n");
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  CHECK(read_file(out) == "1\n00:00:01,000 --> 00:00:02,000\nAnn: Two.\n");
}

TEST_CASE("outputs larger than one compared piece: kept when equal, replaced when they differ late", "[cli][safety]") {
  // The existing output is read back 64 KiB at a time; these outputs are about 400 KiB, and
  // the second input differs from the first only in its last cue.
  temp_dir d;
  const auto in = d.file("in.vtt"), out = d.file("out.srt");
  std::string cues = "WEBVTT\n\n";
  for (int i = 0; i < 8000; ++i) cues += "00:00:01.000 --> 00:00:02.000\n<v Ann>Words and more words.\n\n";
  write_file(in, cues + "00:00:03.000 --> 00:00:04.000\n<v Ann>Last.\n");
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  const std::string first_output = read_file(out);
  REQUIRE(first_output.size() > 4 * 65536);
  struct stat first {};
  REQUIRE(::stat(out.c_str(), &first) == 0);
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  struct stat second {};
  REQUIRE(::stat(out.c_str(), &second) == 0);
  CHECK(second.st_ino == first.st_ino);  // equal: the same file, not replaced
  write_file(in, cues + "00:00:03.000 --> 00:00:04.000\n<v Ann>Past.\n");
  REQUIRE(run_vtt({"convert", "--to", "srt", in, "-o", out}).code == 0);
  std::string expected = first_output;
  expected.replace(expected.rfind("Last."), 5, "Past.");
  CHECK(read_file(out) == expected);  // the matching 400 KiB copied over, then the new end
}

namespace {

/// Starts `vtt convert --to srt - -o OUT` reading a FIFO, feeds it enough cues that the
/// output's temporary file exists, and sends `sig` while vtt waits for more input. Returns the
/// wait status; `err` gets standard error.
int signal_mid_write(const vtt_test::temp_dir& dir, int sig, std::string& err) {
  const auto fifo = dir.file("in.fifo"), out = dir.file("out.srt"), err_path = dir.file("stderr");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const pid_t pid = vtt_test::spawn_vtt({"convert", "--to", "srt", "-", "-o", out}, fifo, "/dev/null", err_path);
  const int w = ::open(fifo.c_str(), O_WRONLY);
  std::string cues = "WEBVTT\n\n";
  for (int i = 0; i < 20000; ++i) cues += "00:00:01.000 --> 00:00:02.000\n<v A>words and more words\n\n";
  for (std::size_t done = 0; done < cues.size();) {
    const auto n = ::write(w, cues.data() + done, cues.size() - done);
    REQUIRE(n > 0);
    done += static_cast<std::size_t>(n);
  }
  // Wait until vtt writes its temporary output (it is then blocked reading for more).
  auto temp_exists = [&] {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path))
      if (entry.path().filename().string().rfind(".out.srt.vtt-", 0) == 0) return true;
    return false;
  };
  for (int i = 0; i < 500 && !temp_exists(); ++i) ::usleep(10000);
  CHECK(temp_exists());
  ::kill(pid, sig);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(w);
  err = vtt_test::read_file(err_path);
  CHECK_FALSE(temp_exists());  // the half-written output is gone
  CHECK_FALSE(std::filesystem::exists(out));
  return status;
}

}  // namespace

TEST_CASE("a signal mid-write leaves no temporary output behind", "[cli][safety][signal]") {
  vtt_test::temp_dir dir;
  std::string err;
  const int status = signal_mid_write(dir, SIGTERM, err);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
}

TEST_CASE("SIGBUS (a mapped input truncated under vtt) is a message and exit 2", "[cli][safety][signal]") {
  vtt_test::temp_dir dir;
  std::string err;
  const int status = signal_mid_write(dir, SIGBUS, err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(err.find("truncated while it was being read") != std::string::npos);
}

TEST_CASE("a pipe's cues and diagnostics come out as they arrive, with any -j", "[cli][stream]") {
  for (const char* jobs : {"1", "2"}) {
    INFO("-j " << jobs);
    vtt_test::temp_dir dir;
    const auto fifo = dir.file("in.fifo"), out_path = dir.file("out"), err_path = dir.file("err");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const pid_t pid = vtt_test::spawn_vtt({"convert", "--to", "srt", "-j", jobs, "-"}, fifo, out_path, err_path);
    const int w = ::open(fifo.c_str(), O_WRONLY);
    const std::string first = "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nbackwards\n\n";
    REQUIRE(::write(w, first.data(), first.size()) == static_cast<ssize_t>(first.size()));
    // The producer is still there (the pipe stays open): the E003 must show up anyway.
    bool reported = false;
    for (int i = 0; i < 500 && !reported; ++i) {
      reported = vtt_test::read_file(err_path).find("E003") != std::string::npos;
      if (!reported) ::usleep(10000);
    }
    CHECK(reported);
    const std::string rest = "00:00:03.000 --> 00:00:04.000\nlater\n";
    REQUIRE(::write(w, rest.data(), rest.size()) == static_cast<ssize_t>(rest.size()));
    ::close(w);
    int status = 0;
    ::waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(vtt_test::read_file(out_path).find("later") != std::string::npos);
  }
}

TEST_CASE("a mistyped command is named, with the closest command", "[cli][usage]") {
  const auto typo = run_vtt({"conver", "x.vtt"});
  CHECK(typo.code == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err.find("vtt: unknown command 'conver'; did you mean 'convert'?") == 0);
  const auto far = run_vtt({"xyzzy"});
  CHECK(far.code == 2);
  CHECK(far.err.find("vtt: unknown command 'xyzzy'\n") == 0);
}

TEST_CASE("vtt help lists the commands; vtt help COMMAND shows its flags", "[cli][usage]") {
  const auto all = run_vtt({"help"});
  CHECK(all.code == 0);
  for (const char* name : {"convert", "merge", "stitch", "speakers", "lint", "fmt", "help"})
    CHECK(all.out.find(std::string("\n  ") + name + " ") != std::string::npos);
  const auto lint = run_vtt({"help", "lint"});
  CHECK(lint.code == 0);
  CHECK(lint.out == run_vtt({"lint", "--help"}).out);
  for (const char* flag : {"--help", "-h"}) {  // `vtt help --help`: the same list
    const auto help = run_vtt({"help", flag});
    CHECK(help.code == 0);
    CHECK(help.out == all.out);
  }
  const auto unknown = run_vtt({"help", "lnt"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("vtt: unknown command 'lnt'; did you mean 'lint'?") == 0);
  const auto bare = run_vtt({});
  CHECK(bare.code == 2);
  CHECK(bare.out.empty());
  CHECK(bare.err.find("\n  convert ") != std::string::npos);
}

TEST_CASE("flag errors carry the program's prefix", "[cli][usage]") {
  const auto r = run_vtt({"convert", "--to", "nope"});
  CHECK(r.code == 2);
  CHECK(r.err.find("vtt: --to: ") == 0);
}

TEST_CASE("convert shows a file name's control bytes escaped, as lint does", "[cli][messages]") {
  temp_dir dir;
  const auto path = dir.file("a\x1b[31mb.vtt");  // an ESC would turn a terminal red
  const auto shown = dir.path + "/a\\x1B[31mb.vtt";
  write_file(path, "WEBVTT\n\n00:00:02.000 --> 00:00:01.000\nbackwards\n\n00:03.000 --> 00:04.000\nok\n");
  // A parser error: the diagnostic names the file the way `vtt lint` does.
  const auto r = run_vtt({"convert", "--to", "txt", path});
  CHECK(r.code == 0);
  CHECK(r.out == "backwards ok\n");  // kept, as the parser reads it: one turn without a speaker
  CHECK(r.err.rfind(shown + ":3:1: error: ", 0) == 0);
  CHECK(r.err.find(" [E003]\n") != std::string::npos);
  CHECK(r.err.find('\x1b') == std::string::npos);
  // Messages about files: an input that is missing, an output that cannot be written.
  const auto missing = run_vtt({"convert", dir.file("gone\x1b.vtt")});
  CHECK(missing.code == 2);
  CHECK(missing.err.rfind("vtt: " + dir.path + "/gone\\x1B.vtt: ", 0) == 0);
  CHECK(missing.err.find('\x1b') == std::string::npos);
  std::filesystem::create_directory(dir.file("out\x1b"));
  const auto to_dir = run_vtt({"convert", path, "-o", dir.file("out\x1b")});
  CHECK(to_dir.code == 1);
  CHECK(to_dir.err.find("vtt: " + dir.path + "/out\\x1B: ") != std::string::npos);
  CHECK(to_dir.err.find('\x1b') == std::string::npos);
}

TEST_CASE("a flag that does nothing in a run is a warning", "[cli][flags]") {
  const auto idle = [](const std::vector<std::string>& args) { return run_vtt(args, two_cues); };
  CHECK(idle({"convert", "--max-gap", "0.01"}).err.find("--max-gap does nothing without --merge") != std::string::npos);
  CHECK(idle({"convert", "--max-chars", "10"}).err.find("--max-chars does nothing without --merge or --stitch") !=
        std::string::npos);
  CHECK(idle({"convert", "--to", "md", "--speaker-labels", "every"}).err.find("--speaker-labels does nothing") !=
        std::string::npos);
  // Where they act, or with --quiet: no warning, and the output is the same either way.
  CHECK(idle({"convert", "--merge", "--max-gap", "0.01"}).err.empty());
  CHECK(idle({"convert", "--stitch", "--max-chars", "10"}).err.empty());
  CHECK(idle({"convert", "--to", "srt", "--speaker-labels", "every"}).err.empty());
  CHECK(idle({"merge", "--max-gap", "0.01"}).err.empty());
  CHECK(idle({"convert", "--paragraph-gap", "3"})
            .err.find("--paragraph-gap does nothing for --to vtt (it acts on md, txt and html)") != std::string::npos);
  CHECK(idle({"convert", "--to", "srt", "--drop-sounds"}).err.find("--drop-sounds does nothing for --to srt") !=
        std::string::npos);
  CHECK(idle({"convert", "--to", "txt", "--paragraph-gap", "3", "--drop-sounds"}).err.empty());
  const auto quiet = idle({"convert", "-q", "--max-gap", "0.01"});
  CHECK(quiet.err.empty());
  CHECK(quiet.out == idle({"convert"}).out);
}

TEST_CASE("a cue that ends before it starts: reported, written as read, --strict fails", "[cli][flags]") {
  const std::string backwards = "WEBVTT\n\n00:02.500 --> 00:02.000\nBackwards.\n";
  const auto loose = run_vtt({"convert", "--to", "srt"}, backwards);
  CHECK(loose.code == 0);
  CHECK(loose.err.find("[E003]") != std::string::npos);
  CHECK(loose.out == "1\n00:00:02,500 --> 00:00:02,000\nBackwards.\n");
  const auto strict = run_vtt({"convert", "--strict", "--to", "srt"}, backwards);
  CHECK(strict.code == 1);
}

TEST_CASE("merge without voices makes reading-sized cues unless a cap is given", "[cli][merge]") {
  // Eight cues of 10 s, 1 s apart, no voice: one turn. The 30 s default takes two at a time.
  const auto clock = [](int seconds) {
    const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
    return "00:" + two(seconds / 60) + ":" + two(seconds % 60) + ".000";
  };
  std::string input = "WEBVTT\n";
  for (int i = 0; i < 8; ++i)
    input += "\n" + clock(i * 11) + " --> " + clock(i * 11 + 10) + "\nwords of cue " + std::to_string(i) + ".\n";
  const auto cues = [&input](const std::vector<std::string>& args) {
    const auto r = run_vtt(args, input);
    CHECK(r.code == 0);
    std::size_t n = 0;
    for (std::size_t at = r.out.find(" --> "); at != std::string::npos; at = r.out.find(" --> ", at + 1)) ++n;
    return n;
  };
  CHECK(cues({"merge"}) == 4);
  CHECK(cues({"merge", "--max-duration", "0"}) == 1);  // a cap given, even "no limit", holds
  CHECK(cues({"merge", "--max-duration", "45"}) == 2);
  CHECK(cues({"convert", "--merge"}) == 4);
}
