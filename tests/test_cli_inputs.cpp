// End-to-end tests of how inputs are found and opened: folders walked with -r, links, unreadable
// folders, standard input as an input, and closed standard descriptors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

const std::string one_cue = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One.\n";

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

/// Runs `command` with /bin/sh (for redirections the runner does not make); returns the exit code.
int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("a walk (-r) over a folder without subtitle files is an error that creates nothing", "[cli][inputs]") {
  temp_dir d;
  ::mkdir(d.file("empty").c_str(), 0755);
  write_file(d.file("empty/notes.txt"), "not a subtitle file");
  for (const std::string command : {"convert", "lint", "fmt"}) {
    INFO(command);
    const auto r = command == "lint" ? run_vtt({command, "-r", d.file("empty")})
                                     : run_vtt({command, "-r", "--out-dir", d.file("out"), d.file("empty")});
    CHECK(r.code == 2);
    CHECK(r.err.find("no .vtt") != std::string::npos);
    CHECK(!exists(d.file("out")));
  }
  // A folder with nothing next to a file that converts: the file is written, the exit says 2.
  write_file(d.file("a.vtt"), one_cue);
  const auto r = run_vtt(
      {"convert", "-r", "--to", "txt", "--out-dir", d.file("out"), d.file("empty"), d.file("a.vtt")});
  CHECK(r.code == 2);
  CHECK(read_file(d.file("out/a.txt")) == "Ann: One.\n");
}

TEST_CASE("a walk (-r) over a missing folder is an error that creates nothing", "[cli][inputs]") {
  temp_dir d;
  const auto r = run_vtt({"convert", "-r", "--to", "srt", "--out-dir", d.file("out"), d.file("missing")});
  CHECK(r.code == 2);
  CHECK(r.err.find("missing") != std::string::npos);
  CHECK(!exists(d.file("out")));
}

TEST_CASE("a walk (-r) keeps every output under --out-dir, at a link's own place", "[cli][inputs]") {
  temp_dir d;
  ::mkdir(d.file("tree").c_str(), 0755);
  ::mkdir(d.file("tree/sub").c_str(), 0755);
  ::mkdir(d.file("outside").c_str(), 0755);
  write_file(d.file("outside/other.vtt"), one_cue);
  write_file(d.file("outside/other.json"), "precious");
  REQUIRE(::symlink("../../outside/other.vtt", d.file("tree/sub/y.vtt").c_str()) == 0);
  for (const std::string command : {"convert", "fmt"}) {
    INFO(command);
    const auto r = command == "convert"
                       ? run_vtt({"convert", "-r", "--to", "json", "--out-dir", d.file("o"), d.file("tree")})
                       : run_vtt({"fmt", "-r", "--out-dir", d.file("o"), d.file("tree")});
    CHECK(r.code == 0);
    CHECK(read_file(d.file("outside/other.json")) == "precious");
  }
  CHECK(read_file(d.file("o/sub/y.json")).find("\"One.\"") != std::string::npos);
  CHECK(read_file(d.file("o/sub/y.vtt")) == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>One.\n");
}

TEST_CASE("out-dir: never writes through a link to a folder inside it", "[cli][inputs]") {
  temp_dir d;
  ::mkdir(d.file("in").c_str(), 0755);
  ::mkdir(d.file("in/sub").c_str(), 0755);
  ::mkdir(d.file("out").c_str(), 0755);
  ::mkdir(d.file("outside").c_str(), 0755);
  write_file(d.file("in/a.vtt"), one_cue);
  write_file(d.file("in/sub/b.vtt"), one_cue);
  REQUIRE(::symlink("../outside", d.file("out/sub").c_str()) == 0);
  for (const std::string command : {"convert", "fmt"}) {
    INFO(command);
    const auto r = command == "convert"
                       ? run_vtt({"convert", "-r", "--to", "srt", "--out-dir", d.file("out"), d.file("in")})
                       : run_vtt({"fmt", "-r", "--out-dir", d.file("out"), d.file("in")});
    CHECK(r.code == 1);
    CHECK(r.err.find("refusing to write through the link " + d.file("out/sub") + ": outputs stay inside --out-dir") !=
          std::string::npos);
    CHECK(shell("test -z \"$(ls -A '" + d.file("outside") + "')\"") == 0);  // nothing written there
  }
  CHECK(exists(d.file("out/a.srt")));  // the other input is written
}

TEST_CASE("output that cannot be written is an error, a closed standard output is not", "[cli][inputs]") {
  temp_dir d;
  const std::string vtt = std::string("'") + VTT_PROGRAM + "'";
  // Written through stdio: help, vtt rule, vtt config.
  for (const std::string args : {"rule", "config", "--help", "rule W103"}) {
    INFO(args);
    CHECK(shell(vtt + " " + args + " > /dev/full 2>'" + d.file("err") + "'") == 1);
    CHECK(read_file(d.file("err")) == "vtt: standard output: write failed: No space left on device\n");
    shell("{ " + vtt + " " + args + " 2>/dev/null; echo $? >'" + d.file("code") + "'; } | head -c 1 >/dev/null");
    CHECK(read_file(d.file("code")) == "0\n");  // a reader that stops early: quietly
  }
  // -o naming a pipe whose reader stops early: the output is not all written. (More than a
  // pipe holds, so that the writer meets the closed end.)
  std::string many = "WEBVTT\n\n";
  for (int i = 0; i < 20000; ++i) many += "00:00:01.000 --> 00:00:02.000\nSome words of a cue.\n\n";
  write_file(d.file("many.vtt"), many);
  REQUIRE(::mkfifo(d.file("fifo").c_str(), 0600) == 0);
  const int code = shell("(head -c 10 '" + d.file("fifo") + "' >/dev/null &); " + vtt + " convert --to srt -o '" +
                         d.file("fifo") + "' '" + d.file("many.vtt") + "' 2>'" + d.file("err") + "'");
  CHECK(code == 1);
  CHECK(read_file(d.file("err")).find("fifo: write failed: Broken pipe") != std::string::npos);
}

TEST_CASE("a walk (-r) reports a folder it cannot read and goes on", "[cli][inputs]") {
  if (::geteuid() == 0) {
    WARN("skipped: root reads every folder");
    return;
  }
  temp_dir d;
  ::mkdir(d.file("tree").c_str(), 0755);
  ::mkdir(d.file("tree/locked").c_str(), 0755);
  write_file(d.file("tree/a.vtt"), one_cue);
  write_file(d.file("tree/locked/b.vtt"), one_cue);
  ::chmod(d.file("tree/locked").c_str(), 0);
  const auto r = run_vtt({"convert", "-r", "--to", "txt", "--out-dir", d.file("o"), d.file("tree")});
  ::chmod(d.file("tree/locked").c_str(), 0755);
  CHECK(r.code == 2);
  CHECK(r.err.find("locked: cannot read the folder") != std::string::npos);
  CHECK(read_file(d.file("o/a.txt")) == "Ann: One.\n");
}

TEST_CASE("an output (-o) naming the file on standard input is refused", "[cli][inputs]") {
  temp_dir d;
  write_file(d.file("v.vtt"), one_cue);
  const std::string vtt = std::string("'") + VTT_PROGRAM + "'";
  const int code = shell(vtt + " convert --to srt -o '" + d.file("v.vtt") + "' - < '" + d.file("v.vtt") + "' 2>'" +
                         d.file("err") + "'");
  CHECK(code == 2);  // a usage error, as -o naming any input
  CHECK(read_file(d.file("v.vtt")) == one_cue);
  CHECK(read_file(d.file("err")).find("v.vtt") != std::string::npos);
}

TEST_CASE("a closed standard error never lands in the output file", "[cli][inputs]") {
  temp_dir d;
  // An E003 error goes to standard error, which is closed.
  write_file(d.file("in.vtt"), "WEBVTT\n\n00:02.000 --> 00:01.000\nBackwards.\n\n00:03.000 --> 00:04.000\nFine.\n");
  const std::string vtt = std::string("'") + VTT_PROGRAM + "'";
  shell(vtt + " convert --to txt -o '" + d.file("out.txt") + "' < '" + d.file("in.vtt") + "' 2>&-");
  CHECK(read_file(d.file("out.txt")) == "Backwards. Fine.\n");  // one turn: one paragraph
}

TEST_CASE("an output folder that cannot be made is named", "[cli][outputs]") {
  temp_dir d;
  write_file(d.file("a.vtt"), one_cue);
  write_file(d.file("taken"), "a file where the folder would go");
  const auto r = run_vtt({"convert", "--out-dir", d.file("taken/sub"), d.file("a.vtt")});
  CHECK(r.code == 1);
  CHECK(r.err.find("cannot create the folder") != std::string::npos);
  const auto f = run_vtt({"fmt", "--out-dir", d.file("taken/sub"), d.file("a.vtt")});
  CHECK(f.code == 1);
  CHECK(f.err.find("cannot create the folder") != std::string::npos);
}

TEST_CASE("an output name of 255 bytes is written", "[cli][outputs]") {
  // The temporary file's name adds to the output's: it must stay a valid name too.
  temp_dir d;
  write_file(d.file("a.vtt"), one_cue);
  const std::string name = std::string(251, 'n') + ".srt";
  const auto r = run_vtt({"convert", "-o", d.file(name), d.file("a.vtt")});
  CHECK(r.code == 0);
  CHECK(read_file(d.file(name)) == "1\n00:00:01,000 --> 00:00:02,000\nAnn: One.\n");
}

TEST_CASE("past a file size limit: a message, exit 1, no file left behind", "[cli][outputs]") {
  temp_dir d;
  std::string big = "WEBVTT\n";
  for (int i = 0; i < 20000; ++i) big += "\n00:00:01.000 --> 00:00:02.000\n<v A>Some words to fill a file.\n";
  write_file(d.file("big.vtt"), big);
  ::mkdir(d.file("out").c_str(), 0755);
  const std::string vtt = std::string("'") + VTT_PROGRAM + "'";
  // ulimit -f counts blocks of 512 bytes: 64 KiB, far less than the output.
  const int code = shell("ulimit -f 128; " + vtt + " convert --to srt -o '" + d.file("out/big.srt") + "' '" +
                         d.file("big.vtt") + "' 2>'" + d.file("err") + "'");
  CHECK(code == 1);
  CHECK(read_file(d.file("err")).find("write failed") != std::string::npos);
  CHECK(shell("test -z \"$(ls -A '" + d.file("out") + "')\"") == 0);
}

TEST_CASE("out of memory: a message, exit 1, no file left behind", "[cli][outputs]") {
  temp_dir d;
  // 80 REGION blocks with ids of 4,000,000 bytes (each under the 4 MiB a line may have): the
  // ids are kept for the region: settings of the cues, 320 MB, more than the 300 MB of address
  // space the program gets.
  const std::string vtt = std::string("'") + VTT_PROGRAM + "'";
  ::mkdir(d.file("out").c_str(), 0755);
  // A sanitizer build reserves terabytes of address space and cannot start under the limit.
  if (shell("(ulimit -v 300000; " + vtt + " --version) >/dev/null 2>&1") != 0) {
    WARN("skipped: the program does not start under this address space limit (sanitizer build)");
    return;
  }
  const int code = shell(
      "{ printf 'WEBVTT\\n\\n'; for i in $(seq 80); do printf 'REGION\\nid:%s' $i; head -c 4000000 /dev/zero | "
      "tr '\\0' x; printf '\\n\\n'; done; } | "
      "(ulimit -v 300000; " +
      vtt + " convert -o '" + d.file("out/x.srt") + "' 2>'" + d.file("err") + "')");
  CHECK(code == 1);
  CHECK(read_file(d.file("err")).find("out of memory") != std::string::npos);
  CHECK(shell("test -z \"$(ls -A '" + d.file("out") + "')\"") == 0);
}

TEST_CASE("a file of NULs parsed on two threads stays within a bounded memory", "[cli][inputs]") {
  // 4,000 cues of 1,000 NULs: one diagnostic per byte. Worker threads used to hold all of their
  // chunks' diagnostics (140 MB in all, and a bad_alloc in a worker aborted the program); a
  // chunk with more than a worker holds is now read by the in-order reader.
  const temp_dir d;
  const std::string vtt = std::string("'") + VTT_PROGRAM + "'";
  if (shell("(ulimit -v 150000; " + vtt + " --version) >/dev/null 2>&1") != 0) {
    WARN("skipped: the program does not start under this address space limit (sanitizer build)");
    return;
  }
  std::string nuls = "WEBVTT\n\n";
  for (int i = 0; i < 4000; ++i) nuls += "00:00.000 --> 00:01.000\n" + std::string(1000, '\0') + "\n\n";
  write_file(d.file("nul.vtt"), nuls);
  const int code = shell("(ulimit -v 150000; " + vtt + " convert -j 2 --to srt '" + d.file("nul.vtt") +
                         "' >/dev/null 2>'" + d.file("err") + "')");
  CHECK(code == 0);
  const auto err = read_file(d.file("err"));
  CHECK(err.find("out of memory") == std::string::npos);
  CHECK(err.find("3999980 more E006") != std::string::npos);  // the rest counted, not shown
}

TEST_CASE("endless input: /dev/zero as input or as --map-file ends with a message", "[cli][inputs]") {
  // The line reader stops at a line of over 4 MiB; the speaker map reader at 1 MiB.
  for (const char* command : {"convert", "lint", "fmt"}) {
    const auto r = run_vtt({command, "/dev/zero"});
    INFO(command);
    CHECK(r.code == 2);
    CHECK(r.err.find("/dev/zero: line 1: a line or block of lines over 4 MiB: reading stopped") != std::string::npos);
    CHECK(r.err.find("E001") == std::string::npos);  // not taken for a file without a signature
  }
  const auto map = run_vtt({"convert", "--map-file", "/dev/zero", VTTKIT_SAMPLES_DIR "/podcast.vtt"});
  CHECK(map.code == 2);
  CHECK(map.err == "vtt: --map-file /dev/zero: larger than 1 MiB: not a speaker map\n");
  CHECK(map.out.empty());
}
