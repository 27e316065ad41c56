// Stage 2 for WebVTT, lines to blocks to cues: the W3C "WebVTT parser algorithm".
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/cue_text.hpp>
#include <vttkit/document.hpp>
#include <vttkit/parse.hpp>

#include "parse/parse_context.hpp"

namespace vttkit::detail {

/// Parses WebVTT one block at a time, following the specification's steps: the signature
/// and header, then "collect a WebVTT block" in a loop.
class webvtt_parser {
 public:
  explicit webvtt_parser(parse_context& ctx) : ctx_(ctx) {}

  /// The identifiers of the regions defined, looked up per `region:` setting in log time.
  using region_set = std::set<std::string, std::less<>>;
  /// What one block's parse carries to the next: whether a cue was seen (STYLE and REGION
  /// blocks count only before the first cue) and the regions defined (shared, not copied, by
  /// the states handed from chunk to chunk; null when none).
  struct state {
    bool seen_cue = false;
    std::shared_ptr<const region_set> region_ids;
  };
  /// Continues at a block boundary of an input read so far up to `from` (no header is read).
  void resume(state from) {
    seen_cue_ = from.seen_cue;
    region_ids_ = std::move(from.region_ids);
  }
  [[nodiscard]] state current_state() const { return {seen_cue_, region_ids_}; }
  /// Whether the cue last returned was `<v NAME>text` in the shortcut's shape: its payload is
  /// then exactly "<v " + speaker + ">" + text.
  [[nodiscard]] bool simple_voice() const noexcept { return simple_voice_; }

  /// Steps 1-12: signature and header. False (E001 reported) when there is no signature.
  bool read_header(header& out);
  /// The next cue or kept block; false at the end of the input.
  bool next(item_kind& kind, cue& c, block& b);

 private:
  enum class block_result { none, cue, style, region };
  block_result collect_block(cue& c);
  /// Where "-->" is in `line`, the line last read (most lines have no '-' at all).
  [[nodiscard]] std::size_t find_arrow(std::string_view line) const noexcept {
    return ctx_.lines.line_has_dash() ? line.find("-->") : std::string_view::npos;
  }
  bool parse_timings_and_settings(std::string_view line, cue& c);
  /// With parse_options::recover: reads a rejected timing line leniently (E002 says so).
  bool recover(std::string_view line, cue& c);
  void read_settings(std::string_view line, std::size_t pos, cue& c);
  /// With parse_options::recover: the block just dropped, as a NOTE block.
  void dropped_as_note(block& b);
  void parse_settings(std::string_view text, std::size_t offset, cue& c);
  void finish_cue(cue& c);
  void add_region(std::string id);

  parse_context& ctx_;
  bool seen_cue_ = false;
  std::shared_ptr<const region_set> region_ids_;
  std::string buffer_;
  std::size_t block_line_ = 0;
  std::size_t timing_line_ = 0;
  std::size_t block_lines_ = 0;
  bool block_seen_arrow_ = false;
  std::size_t block_white_line_ = 0;  ///< the block's first line of only spaces and tabs, 0 if none
  [[nodiscard]] static bool is_white_only(std::string_view line) noexcept;
  std::size_t block_last_line_ = 0;  ///< the block's last line read so far
  [[nodiscard]] std::string white_line_note(std::size_t at) const;
  cue_text_summary summary_;
  bool simple_voice_ = false;
};

}  // namespace vttkit::detail
