// Canonical WebVTT: the formatter's output and its comparison with the input bytes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <vttkit/format.hpp>

#include "trickle_source.hpp"

namespace {

const std::string canonical =
    "WEBVTT - Title\n\nNOTE kept\n\n1\n00:00:01.000 --> 00:00:02.500 align:start\n<v Ann>Hello &amp; bye.\n\n"
    "00:00:03.000 --> 00:00:04.000\ntwo\nlines\n";

}  // namespace

TEST_CASE("is_canonical: the vtt writer's own output and nothing else", "[format]") {
  CHECK(vttkit::is_canonical(canonical));
  CHECK(vttkit::is_canonical("WEBVTT\n"));
  CHECK_FALSE(vttkit::is_canonical("WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nx\n"));            // short hours
  CHECK_FALSE(vttkit::is_canonical("WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nx\r\n"));  // CRLF
  CHECK_FALSE(vttkit::is_canonical("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n"));                // no hours
  CHECK_FALSE(vttkit::is_canonical(canonical + "\n"));                           // one byte more at the end
  CHECK_FALSE(vttkit::is_canonical(canonical.substr(0, canonical.size() - 1)));  // one byte less
  CHECK_FALSE(vttkit::is_canonical("\xef\xbb\xbfWEBVTT\n"));                     // a BOM
  CHECK_FALSE(vttkit::is_canonical("WEBVT\n"));                                  // no signature
  CHECK_FALSE(vttkit::is_canonical(""));
}

TEST_CASE("formatter writes the canonical form and tells whether it changed", "[format]") {
  const std::string messy = "WEBVTT\r\n\r\n0:00:01.000 --> 0:00:03.000 align:bogus\r\n<v Ann>one &amp; two\r\n\r\n\r\n";
  vttkit::memory_source in{messy};
  std::vector<vttkit::diagnostic> seen;
  vttkit::parse_options po;
  po.on_diagnostic = [&](const vttkit::diagnostic& d) { seen.push_back(d); };
  vttkit::formatter f{in, po};
  CHECK(f.read_header());
  std::string out;
  vttkit::string_sink sink{out};
  CHECK(f.write(&sink));
  CHECK(out == "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ann>one &amp; two\n");
  CHECK(f.changed());
  CHECK(f.read_error().empty());
  CHECK_FALSE(seen.empty());  // the parser's diagnostics reach the caller (W103, W104)
}

TEST_CASE("formatter compares large inputs in pieces of any size", "[format]") {
  std::string big = "WEBVTT\n";
  for (int i = 0; i < 20000; ++i) big += "\n00:00:01.000 --> 00:00:02.000\n<v Speaker 1>some words of a cue\n";
  for (const std::size_t step : {std::size_t{1} << 20, std::size_t{4096}, std::size_t{7}}) {
    vtt_test::trickle_source same{big, step};
    vttkit::formatter f{same, {}};
    CHECK(f.write(nullptr));  // compare only
    CHECK_FALSE(f.changed());

    auto middle_differs = big;
    middle_differs.erase(middle_differs.find("00:00:01.000", big.size() / 2), 1);  // one-digit hours
    vtt_test::trickle_source other{middle_differs, step};
    vttkit::formatter g{other, {}};
    CHECK(g.write(nullptr));
    CHECK(g.changed());

    const auto crlf_at_end = big.substr(0, big.size() - 1) + "\r\n";
    vtt_test::trickle_source third{crlf_at_end, step};
    vttkit::formatter h{third, {}};
    CHECK(h.write(nullptr));
    CHECK(h.changed());  // only the last line ending differs
  }
}

TEST_CASE("formatter reads WebVTT whatever the options say, and reports a failed write", "[format]") {
  vttkit::memory_source in{"1\n00:00:01,000 --> 00:00:02,000\nx\n"};  // SubRip
  vttkit::parse_options po;
  po.format = vttkit::input_format::srt;
  vttkit::formatter f{in, po};
  CHECK_FALSE(f.read_header());  // no WebVTT signature

  vttkit::memory_source in2{canonical};
  vttkit::formatter g{in2, {}};
  vtt_test::failing_sink sink;
  CHECK_FALSE(g.write(&sink));
  CHECK(g.write_error() == "no space left");
}
