// Repairs (`vtt fix`): a stream of cues rewritten so that the W3C validator accepts it, each
// repair reported with its rule and labelled safe (what players show is unchanged) or unsafe
// (text or times change), as ruff labels its fixes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/document.hpp>
#include <vttkit/transform.hpp>

namespace vttkit {

/// What `fixer` does with a cue that starts before the previous cue ends (`--overlap`).
enum class overlap_policy {
  keep,   ///< leave both as they are (WebVTT allows overlaps)
  trim,   ///< end the earlier cue where the later one starts (unsafe)
  shift,  ///< start the later cue where the earlier one ends, keeping its duration (unsafe)
};

/// One `--overlap` choice.
struct overlap_policy_info {
  overlap_policy policy;
  std::string_view name;  ///< "keep", "trim", "shift"
  std::string_view summary;
};
/// Every `--overlap` choice.
[[nodiscard]] std::span<const overlap_policy_info> overlap_policies() noexcept;

/// Options of `fixer` (docs/commands.md, `vtt fix`).
struct fix_options {
  bool unsafe = false;       ///< apply unsafe repairs too (`--unsafe-fixes`); else only report them
  bool close_voice = false;  ///< end a `<v>` span left open at the end of a cue with `</v>`
  overlap_policy overlap = overlap_policy::keep;
  /// The bound of sorting: at most this many cues and blocks are held to put cues in order by
  /// start, and at most `sort_bytes` of their text. A cue that starts before one already handed
  /// on stays where it is (reported as not repaired).
  std::size_t sort_cues = 65536;  ///< at least 1
  std::size_t sort_bytes = std::size_t{64} << 20;
};

/// One repair.
struct repair {
  diagnostic what;      ///< rule, position in the input, and what was changed
  bool safe = true;     ///< players show the same: a safe repair is always applied
  bool applied = true;  ///< false for an unsafe repair without fix_options::unsafe
};
using repair_sink = std::function<void(const repair&)>;

/// The parser's diagnostics that `fix` repairs by writing the canonical form of a file read
/// with parse_options::recover (E002 a timing line recovered or a dropped block kept in a NOTE,
/// E004 a missing blank line, E005/E006 bytes replaced by U+FFFD, W103 hours padded, W104 a
/// setting left out), as a safe repair; nothing for the others.
[[nodiscard]] std::optional<repair> repair_of(const diagnostic& d);

/// The rules whose diagnostics the parser should report to a `fixer`'s user: those of
/// `repair_of` and E001 (the fixer finds the others itself).
[[nodiscard]] rule_set parser_rules_for_fix() noexcept;

/// Rewrites a stream of cues and blocks (read with parse_options::recover) so that the W3C
/// validator accepts the output (docs/commands.md, `vtt fix`). Per cue: cue text with bare `&`
/// and `<` escaped, unknown tags removed (their text kept), annotations only on `<v>` and
/// `<lang>`, stray end tags removed, open tags closed (`<v>` only with `close_voice`), invalid
/// timestamp tags removed and those outside the cue's times or not increasing removed
/// (unsafe); a cue whose end is not after its start has start and end swapped, or is removed
/// when they are equal, its text kept in a NOTE block (unsafe). Across cues: cues put in order
/// by start (stable; a block stays after the cue it followed), exact duplicates (same times,
/// settings and text) removed (unsafe), overlaps as `overlap` says, duplicate ids changed (a
/// number to the next unused number above the largest seen, another id removed). Header lines
/// move into a NOTE block after the header, except HLS's `X-TIMESTAMP-MAP`. Memory: the sort window (`sort_cues`,
/// `sort_bytes`) and the ids seen so far.
class fixer {
 public:
  fixer(fix_options options, cue_handler cues, std::function<void(const block&)> blocks, repair_sink repairs);
  /// The header to write for `h` (its lines go into a NOTE block handed on first).
  [[nodiscard]] header begin(const header& h);
  void push(const cue& c);
  void push(const block& b);
  /// Hands on everything held.
  void finish();

 private:
  using item = std::variant<cue, block>;
  /// `possible`: false when the repair cannot be made at all (it is reported as not made).
  void report(rule r, std::size_t line, std::string message, bool safe, std::size_t column = 1, bool possible = true);
  bool repair_times(cue& c);
  void hold(item it, millis key, std::size_t size);
  void release(bool all);
  void post(cue& c);
  void post(const block& b);
  [[nodiscard]] bool duplicate(const cue& c);
  void overlap(cue& c);
  void flush_previous();
  void emit(cue& c);
  void fix_id(cue& c);

  fix_options options_;
  cue_handler cues_;
  std::function<void(const block&)> blocks_;
  repair_sink repairs_;
  std::map<std::pair<millis, std::uint64_t>, item> window_;  ///< sort window by (start, arrival)
  std::size_t window_bytes_ = 0;
  std::uint64_t arrivals_ = 0;
  millis last_key_ = -1;         ///< the start of the last cue pushed (blocks follow it)
  millis latest_start_ = -1;     ///< the latest start pushed
  millis released_key_ = -1;     ///< the start of the last cue handed on from the window
  std::vector<cue> same_start_;  ///< cues handed on with the latest start (for duplicates)
  std::optional<cue> previous_;  ///< held for trimming until the next cue
  std::vector<block> after_previous_;
  std::unordered_set<std::string> ids_;
  unsigned long long largest_number_ = 0;
  std::string scratch_;
};

}  // namespace vttkit
