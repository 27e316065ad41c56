// Parsing on several threads gives exactly what one thread gives: the same header, cues,
// blocks and diagnostics, in the same order, for inputs cut at every kind of boundary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <vttkit/parse.hpp>

#include "trickle_source.hpp"
#include <vttkit/source.hpp>

#include <unistd.h>

#include "parse/parallel_parser.hpp"

namespace {

using vtt_test::trickle_source;

using vttkit::detail::last_block_boundary;
using vttkit::detail::parallel_parser;

/// Sets the parallel parser's chunk sizes for one scope and puts the defaults back when the
/// scope ends, also when a failing REQUIRE leaves it with an exception: the sizes are global,
/// and tiny ones left behind would slow down (and change the coverage of) every later test.
class chunk_bytes_guard {
 public:
  chunk_bytes_guard(std::size_t target, std::size_t max) noexcept {
    parallel_parser::set_chunk_bytes_for_testing(target, max);
  }
  ~chunk_bytes_guard() { parallel_parser::reset_chunk_bytes_for_testing(); }
  chunk_bytes_guard(const chunk_bytes_guard&) = delete;
  chunk_bytes_guard& operator=(const chunk_bytes_guard&) = delete;
};

/// Everything a reader hands out, in order, diagnostics between the items they came with.
struct transcript {
  std::vector<std::string> events;
  vttkit::header header;
  bool signature = false;
  std::size_t errors = 0;
  std::string read_error;
};

std::string describe(const vttkit::cue& c) {
  std::string s = "cue " + std::to_string(c.line) + "/" + std::to_string(c.id_line) + " [" + c.id + "] " +
                  std::to_string(c.start) + "-" + std::to_string(c.end);
  for (const auto& st : c.settings) s += " " + st.name + ":" + st.value;
  return s + " <" + c.speaker + "> {" + c.payload + "} {" + c.text + "}";
}

/// Reads `bytes` with `threads`, through `step`-byte reads, or in place when `step` is 0.
transcript read_all(std::string_view bytes, unsigned threads, std::size_t step) {
  transcript t;
  trickle_source trickle{bytes, step};
  vttkit::memory_source in_place{bytes};
  vttkit::byte_source& source = step ? static_cast<vttkit::byte_source&>(trickle) : in_place;
  vttkit::parse_options options;
  options.threads = threads;
  options.on_diagnostic = [&t](const vttkit::diagnostic& d) {
    t.events.push_back("diagnostic " + std::string(vttkit::info(d.rule).id) + " " + std::to_string(d.line) + ":" +
                       std::to_string(d.column) + " " + d.message);
  };
  vttkit::reader r{source, options};
  t.signature = r.read_header();
  t.events.emplace_back("header read");
  while (r.next()) {
    if (r.kind() == vttkit::item_kind::cue) t.events.push_back(describe(r.cue()));
    else t.events.push_back("block " + std::to_string(r.block().line) + " " + r.block().text);
  }
  t.header = r.header();
  t.errors = r.error_count();
  t.read_error = r.read_error();
  return t;
}

void require_same(std::string_view input, std::size_t target, std::size_t limit) {
  const auto one = read_all(input, 1, 1 << 16);
  const chunk_bytes_guard chunks{target, limit};
  for (unsigned threads : {2u, 3u}) {
    for (std::size_t step : {std::size_t{1} << 16, std::size_t{7}, std::size_t{0}}) {
      const auto many = read_all(input, threads, step);
      INFO("threads " << threads << ", reads of " << step << " bytes (0: in place), chunks of " << target << " to "
                      << limit);
      CHECK(many.signature == one.signature);
      CHECK(many.header == one.header);
      CHECK(many.errors == one.errors);
      CHECK(many.read_error == one.read_error);
      REQUIRE(many.events.size() == one.events.size());
      for (std::size_t i = 0; i < one.events.size(); ++i) {
        INFO("event " << i);
        CHECK(many.events[i] == one.events[i]);
      }
    }
  }
}

/// A WebVTT-like input with everything that could go wrong at a chunk boundary.
std::string random_input(std::mt19937& rng) {
  auto pick = [&rng](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  static const char* const eols[] = {"\n", "\r\n", "\r"};
  const std::string eol = eols[pick(3)];
  std::string s;
  if (pick(8) == 0) s += "\xEF\xBB\xBF";
  if (pick(16) == 0) s += "\xEF\xBB\xBF";  // a second BOM is not skipped
  s += pick(20) == 0 ? "WEBVT" : "WEBVTT - A title";
  s += eol;
  if (pick(3) == 0) s += "Kind: captions" + eol;
  s += eol;
  const auto blocks = 5 + pick(60);
  for (std::size_t b = 0; b < blocks; ++b) {
    switch (pick(12)) {
      case 0: s += "NOTE a note" + eol + "more" + eol; break;
      case 1: s += "STYLE" + eol + "::cue { color: red }" + eol; break;
      case 2: s += "REGION" + eol + "id:r" + std::to_string(pick(3)) + " width:40%" + eol; break;
      case 3: s += "stray text without timing" + eol; break;
      case 4: s += "00:00:0x.000 --> 00:00:01.000" + eol + "bad timing" + eol; break;
      default: {
        if (pick(3) == 0) s += "id" + std::to_string(b) + eol;
        const auto start = b * 1000 + pick(900);
        s += vttkit::format_timestamp(static_cast<vttkit::millis>(start)) + " --> " +
             vttkit::format_timestamp(static_cast<vttkit::millis>(start + pick(3000))) +
             (pick(4) == 0 ? " region:r1 align:start" : "") + (pick(6) == 0 ? " bogus" : "") + eol;
        const auto lines = 1 + pick(3);
        for (std::size_t l = 0; l < lines; ++l) {
          switch (pick(9)) {
            case 0: s += "<v Speaker " + std::to_string(pick(3)) + ">words &amp; more"; break;
            case 7: s += "<v Speaker " + std::to_string(pick(3)) + ">the shortcut's shape"; break;
            case 1: s += std::string_view{"bad \xC3 byte and a NUL \0 here", 27}; break;
            case 2: s += "<b>bold <i>nested</b> &bogus; text"; break;
            case 3: s += "0:00:09.000 --> 0:00:10.000"; break;  // a cue with no blank line before it
            default: s += "Plain words, then more words."; break;
          }
          s += eol;
        }
      }
    }
    // Usually one blank line, sometimes none or several.
    const auto blanks = pick(6) == 0 ? pick(4) : 1;
    for (std::size_t k = 0; k < blanks; ++k) s += eol;
  }
  if (pick(4) == 0) s.resize(s.size() - eol.size());  // no line end at the very end
  return s;
}

}  // namespace

TEST_CASE("a cut falls only just after an empty line", "[parse][parallel]") {
  CHECK(last_block_boundary("a\n\nb", 0) == 3);
  CHECK(last_block_boundary("a\r\n\r\nb", 0) == 5);
  CHECK(last_block_boundary("a\r\rb", 0) == 3);
  CHECK(last_block_boundary("a\r\r\nb", 0) == 0);  // CR, then CRLF: the empty line ends after the LF
  CHECK(last_block_boundary("a\r\r", 0) == 0);     // the next byte may be an LF
  CHECK(last_block_boundary("a\nb\nc", 0) == 0);
  CHECK(last_block_boundary("x\n\ny\n\nz", 0) == 6);  // the last one
  CHECK(last_block_boundary("x\n\nyz", 4) == 0);      // none after the floor
}

TEST_CASE("threads give the same cues, blocks and diagnostics as one thread", "[parse][parallel]") {
  std::mt19937 rng{20261130};
  for (int round = 0; round < 150; ++round) {
    const auto input = random_input(rng);
    INFO("round " << round << ": " << input);
    for (std::size_t target : {std::size_t{1}, std::size_t{40}, std::size_t{300}}) require_same(input, target, 2000);
  }
}

TEST_CASE("an input without blank lines is read on by one parser, with the same result", "[parse][parallel]") {
  std::string input = "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n\n";
  for (int i = 0; i < 200; ++i)
    input += "00:0" + std::to_string(3 + i % 6) + ".000 --> 00:09.000\ncue " + std::to_string(i) + "\n";
  input += "\nNOTE after\n\n00:10.000 --> 00:11.000\nlast\n";
  require_same(input, 16, 64);  // the limit is passed long before the next blank line
  // No blank line at all, not even after the header.
  require_same("WEBVTT\n00:01.000 --> 00:02.000\none\n00:03.000 --> 00:04.000\ntwo", 4, 8);
}

TEST_CASE("a chunk with more diagnostics than a worker holds is read on in order, the same", "[parse][parallel]") {
  // 5,000 NULs in one cue: 5,000 diagnostics, more than the 4,096 a worker holds for a chunk.
  std::string input = "WEBVTT\n\n";
  for (int i = 0; i < 30; ++i)
    input += "00:0" + std::to_string(i % 10) + ".000 --> 00:09.000\ncue " + std::to_string(i) + "\n\n";
  input += "00:10.000 --> 00:11.000\n" + std::string(5000, '\0') + "\n\n";
  for (int i = 0; i < 30; ++i) input += "00:12.000 --> 00:13.000\n<b>after " + std::to_string(i) + "\n\n";
  require_same(input, 64, 1 << 20);
  require_same(input, 1 << 20, 1 << 20);  // in the first chunk, header included
}

TEST_CASE("threads: no signature, empty input and the bundled samples", "[parse][parallel]") {
  require_same("", 1, 8);
  require_same("not a caption file\n\n00:01.000 --> 00:02.000\ntext\n", 1, 8);
  require_same("WEBVTT", 1, 8);
  for (const char* name : {"podcast.vtt", "messy.vtt"}) {
    std::ifstream in{std::string(VTTKIT_SAMPLES_DIR) + "/" + name, std::ios::binary};
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    REQUIRE(!bytes.empty());
    require_same(bytes, 64, 4096);
    require_same(bytes, 4096, 1 << 20);
  }
}

TEST_CASE("an absurd thread count parses with the threads the input can use", "[parse][parallel]") {
  std::ifstream in{std::string(VTTKIT_SAMPLES_DIR) + "/podcast.vtt", std::ios::binary};
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  const auto one = read_all(bytes, 1, 0);
  // 4294967294 + 2 slots wrapped to none, and every thread was started.
  const auto many = read_all(bytes, 4294967294u, 0);
  CHECK(many.events == one.events);
  CHECK(many.events.size() > 10);
}

TEST_CASE("parse() with threads builds the same document", "[parse][parallel]") {
  std::ifstream in{std::string(VTTKIT_SAMPLES_DIR) + "/podcast.vtt", std::ios::binary};
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  vttkit::parse_options options;
  const auto one = vttkit::parse(bytes, options);
  options.threads = 2;
  const auto two = [&] {
    const chunk_bytes_guard small_chunks{100, 1000};
    return vttkit::parse(bytes, options);
  }();
  REQUIRE(one.document.cues.size() > 10);
  CHECK(two.document == one.document);
  CHECK(two.diagnostics == one.diagnostics);
}

TEST_CASE("a mapped file is read in place, and like any file when it cannot be mapped", "[parse][source]") {
  char tmpl[] = "/tmp/vttkit-map-XXXXXX";
  const int fd = ::mkstemp(tmpl);
  REQUIRE(fd >= 0);
  std::string text = "WEBVTT\n\n";
  for (int i = 0; text.size() <= vttkit::mapped_file_source::min_size; ++i)
    text += "00:01.000 --> 00:02.000\n<v A>line " + std::to_string(i) + "\n\n";
  const auto cue_count = static_cast<std::size_t>(std::count(text.begin(), text.end(), '>')) / 2;
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  {
    ::lseek(fd, 0, SEEK_SET);
    vttkit::mapped_file_source source{fd};
    REQUIRE(source.mapped());
    std::string_view rest;
    REQUIRE(source.view_rest(rest));
    CHECK(rest == text);
    CHECK(::lseek(fd, 0, SEEK_CUR) == static_cast<off_t>(text.size()));  // all of it counts as read
    source.release(rest.data() + rest.size() / 2);  // given back, still readable: the page cache has it
    CHECK(rest == text);
  }
  {
    ::lseek(fd, 7, SEEK_SET);  // a file read partly already goes on from where it is
    vttkit::mapped_file_source source{fd};
    std::string_view rest;
    REQUIRE(source.view_rest(rest));
    CHECK(rest == std::string_view(text).substr(7));
  }
  for (unsigned threads : {1u, 2u}) {
    ::lseek(fd, 0, SEEK_SET);
    vttkit::mapped_file_source source{fd};
    vttkit::parse_options options;
    options.threads = threads;
    const auto mapped = [&] {
      const chunk_bytes_guard small_chunks{1000, 100000};
      return vttkit::parse(source, options);
    }();
    CHECK(mapped.document == vttkit::parse(text).document);
    CHECK(mapped.document.cues.size() == cue_count);
  }
  ::close(fd);
  ::unlink(tmpl);

  // A small file, an empty file and a pipe are not mapped: read() as usual.
  char small_name[] = "/tmp/vttkit-small-XXXXXX";
  const int small = ::mkstemp(small_name);
  REQUIRE(small >= 0);
  REQUIRE(::write(small, "WEBVTT\n", 7) == 7);
  ::lseek(small, 0, SEEK_SET);
  vttkit::mapped_file_source unmapped{small};
  CHECK_FALSE(unmapped.mapped());
  char head[16];
  CHECK(unmapped.read(head, sizeof head) == 7);
  ::close(small);
  ::unlink(small_name);
  char empty_name[] = "/tmp/vttkit-empty-XXXXXX";
  const int empty = ::mkstemp(empty_name);
  REQUIRE(empty >= 0);
  vttkit::mapped_file_source none{empty};
  CHECK_FALSE(none.mapped());
  char byte = 0;
  CHECK(none.read(&byte, 1) == 0);
  ::close(empty);
  ::unlink(empty_name);
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  REQUIRE(::write(pipe_fds[1], "WEBVTT\n", 7) == 7);
  ::close(pipe_fds[1]);
  vttkit::mapped_file_source piped{pipe_fds[0]};
  CHECK_FALSE(piped.mapped());
  std::string_view unused;
  CHECK_FALSE(piped.view_rest(unused));
  char buf[16];
  CHECK(piped.read(buf, sizeof buf) == 7);
  ::close(pipe_fds[0]);
}

TEST_CASE("chunk_bytes_guard puts the chunk sizes back, also when a check throws", "[parallel]") {
  const auto defaults = parallel_parser::chunk_bytes_for_testing();
  REQUIRE(defaults.first > 1000);
  try {
    const chunk_bytes_guard tiny{100, 1000};
    CHECK(parallel_parser::chunk_bytes_for_testing() == std::pair<std::size_t, std::size_t>{100, 1000});
    throw std::runtime_error("a failing REQUIRE leaves the scope with an exception");
  } catch (const std::runtime_error&) {
  }
  CHECK(parallel_parser::chunk_bytes_for_testing() == defaults);
}
