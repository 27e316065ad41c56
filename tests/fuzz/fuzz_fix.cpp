// Fuzz target: vtt fix (docs/fuzzing.md). The input is a WebVTT file; its last byte picks the
// fix options (unsafe fixes, --overlap, --close-voice, a small sort window). It checks that
//  - fixing the output again gives the same bytes, and reports no repair made (only unsafe
//    ones without the option), unless a cue was too far back for the sort window: then each
//    pass puts more in order (docs/commands.md);
//  - the output, read with the W3C algorithm (no recovery), has no error but E003 (and no E003
//    with unsafe fixes on);
//  - with safe fixes only, every cue the W3C algorithm keeps from the input is in the output
//    with the same times and text (but for empty lines, which a cue cannot hold).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <vttkit/fix.hpp>
#include <vttkit/format.hpp>
#include <vttkit/parse.hpp>

#include "fuzz_support.hpp"

namespace {

struct fixed {
  std::string out;
  std::vector<vttkit::repair> repairs;
  bool signature = false;
};

fixed fix(std::string_view in, const vttkit::fix_options& options) {
  fixed f;
  fuzz_support::piecewise_source source{in};
  vttkit::string_sink sink{f.out};
  f.signature = vttkit::fix_webvtt(source, &sink, {}, options, [&](const vttkit::repair& r) {
                  f.repairs.push_back(r);
                }).signature;
  return f;
}

using cue_key = std::tuple<vttkit::millis, vttkit::millis, std::string>;

/// A cue's text without empty lines: a WebVTT cue cannot hold one (it would end the cue), so a
/// line that only held a tag fix removes (`<blink>` alone on its line) goes with it.
std::string without_empty_lines(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at <= text.size();) {
    const auto end = std::min(text.find('\n', at), text.size());
    if (end > at) {
      if (!out.empty()) out += '\n';
      out.append(text.substr(at, end - at));
    }
    at = end + 1;
  }
  return out;
}

std::vector<cue_key> keys(const vttkit::document& doc) {
  std::vector<cue_key> out;
  for (const auto& c : doc.cues) out.emplace_back(c.start, c.end, without_empty_lines(c.text));
  std::sort(out.begin(), out.end());
  return out;
}

vttkit::parse_result parse_vtt(std::string_view bytes) {
  vttkit::parse_options options;
  options.format = vttkit::input_format::vtt;
  return vttkit::parse(bytes, options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const unsigned pick = size > 0 ? data[size - 1] : 0U;
  vttkit::fix_options options;
  options.unsafe = (pick & 1U) != 0;
  options.close_voice = (pick & 2U) != 0;
  options.overlap = static_cast<vttkit::overlap_policy>((pick >> 2) % 3);
  if ((pick & 32U) != 0) options.sort_cues = 1 + (pick >> 6);

  const fixed once = fix(input, options);
  if (!once.signature) return 0;
  const bool sorted = std::none_of(once.repairs.begin(), once.repairs.end(), [](const vttkit::repair& r) {
    return r.what.rule == vttkit::rule::start_backwards && !r.applied;
  });
  const fixed twice = fix(once.out, options);
  FUZZ_CHECK(twice.signature);
  if (sorted) {
    FUZZ_CHECK(twice.out == once.out);
    for (const auto& r : twice.repairs) FUZZ_CHECK(!r.applied);
  }

  const auto back = parse_vtt(once.out);
  for (const auto& d : back.diagnostics) {
    if (d.info().severity != vttkit::severity::error) continue;
    FUZZ_CHECK(d.rule == vttkit::rule::end_not_after_start);
    FUZZ_CHECK(!options.unsafe);
  }
  if (options.unsafe) return 0;
  const auto kept = keys(back.document);
  const auto original = keys(parse_vtt(input).document);
  FUZZ_CHECK(std::includes(kept.begin(), kept.end(), original.begin(), original.end()));
  return 0;
}
