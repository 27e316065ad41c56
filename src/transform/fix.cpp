// The fixer (see fix.hpp): cues repaired one at a time, put in order in a bounded window,
// then duplicates, overlaps and ids across the ordered stream.
#include <vttkit/fix.hpp>

#include <algorithm>
#include <charconv>
#include <utility>

#include <fmt/format.h>

#include "text/ascii.hpp"
#include "transform/fix_payload.hpp"

namespace vttkit {
namespace {

constexpr overlap_policy_info policies[] = {
    {overlap_policy::keep, "keep", "leave overlapping cues as they are"},
    {overlap_policy::trim, "trim", "end a cue where the next one starts"},
    {overlap_policy::shift, "shift", "start a cue where the one before ends, keeping its duration"},
};

std::size_t size_of(const cue& c) { return c.payload.size() + c.id.size() + c.text.size() + 64; }

/// The id as a number, when it is one (digits only, not too long).
std::optional<unsigned long long> id_number(std::string_view id) {
  if (id.empty() || id.size() > 18 || !std::all_of(id.begin(), id.end(), detail::is_digit)) return std::nullopt;
  unsigned long long n = 0;
  std::from_chars(id.data(), id.data() + id.size(), n);
  return n;
}

/// The keyword an id starts with that makes readers other than the W3C algorithm take the
/// cue for a NOTE, STYLE or REGION block ("" when none).
std::string_view keyword_of(std::string_view id) {
  for (std::string_view k : {"NOTE", "STYLE", "REGION"})
    if (id.starts_with(k) && (id.size() == k.size() || id[k.size()] == ' ' || id[k.size()] == '\t')) return k;
  return {};
}

/// A NOTE block that keeps the lines of a cue removed.
block removed_cue_note(const cue& c, std::string_view why) {
  block b;
  b.kind = block_kind::note;
  b.line = c.id_line ? c.id_line : c.line;
  b.text = fmt::format("NOTE {} (line {}), removed:", why, c.line);
  if (!c.id.empty()) b.text += "\n" + c.id;
  b.text += fmt::format("\n{} --> {}", format_timestamp(c.start), format_timestamp(c.end));
  // (the arrow is written so that the NOTE stays one: see below)
  b.text.replace(b.text.rfind("-->"), 3, "--&gt;");
  if (!c.payload.empty()) b.text += "\n" + c.payload;
  return b;
}

}  // namespace

std::span<const overlap_policy_info> overlap_policies() noexcept { return policies; }

std::optional<repair> repair_of(const diagnostic& d) {
  repair r{d, true, true};
  switch (d.rule) {
    case rule::invalid_timestamp:
    case rule::invalid_utf8:
    case rule::nul_character: return r;
    case rule::arrow_in_text: r.what.message = "missing blank line before a timing line: inserted"; return r;
    case rule::short_hours: r.what.message = "hours written with one digit: padded to two"; return r;
    case rule::bad_setting: r.what.message = d.message + " and removed"; return r;
    default: return std::nullopt;
  }
}

rule_set parser_rules_for_fix() noexcept {
  rule_set s;
  for (auto r : {rule::missing_signature, rule::invalid_timestamp, rule::arrow_in_text, rule::invalid_utf8,
                 rule::nul_character, rule::short_hours, rule::bad_setting})
    s.add(r);
  return s;
}

fixer::fixer(fix_options options, cue_handler cues, std::function<void(const block&)> blocks, repair_sink repairs)
    : options_(options), cues_(std::move(cues)), blocks_(std::move(blocks)), repairs_(std::move(repairs)) {
  options_.sort_cues = std::max<std::size_t>(options_.sort_cues, 1);
}

void fixer::report(rule r, std::size_t line, std::string message, bool safe, std::size_t column, bool possible) {
  if (repairs_)
    repairs_(repair{diagnostic{r, line, column, std::move(message)}, safe, possible && (safe || options_.unsafe)});
}

header fixer::begin(const header& h) {
  header out = h;
  out.text.clear();
  std::string moved;
  for (std::string_view rest = h.text; !rest.empty();) {
    const auto eol = std::min(rest.find('\n'), rest.size());
    const auto line = rest.substr(0, eol);
    // HLS reads its X-TIMESTAMP-MAP there (RFC 8216): it stays.
    auto& to = line.starts_with("X-TIMESTAMP-MAP=") ? out.text : moved;
    if (!to.empty()) to += '\n';
    to.append(line);
    rest.remove_prefix(std::min(rest.size(), eol + 1));
  }
  if (moved.empty()) return out;
  report(rule::header_metadata, 2, "header lines after WEBVTT (players ignore them) moved into a NOTE block", true);
  hold(block{block_kind::note, "NOTE header lines\n" + moved, 2}, -1, moved.size());
  return out;
}

bool fixer::repair_times(cue& c) {
  if (c.end > c.start) return true;
  const bool equal = c.end == c.start;
  report(rule::end_not_after_start, c.line,
         equal ? "cue without duration removed (its text kept in a NOTE block)"
               : fmt::format("end before start: start and end swapped ({} --> {})", format_timestamp(c.end),
                             format_timestamp(c.start)),
         false);
  if (!options_.unsafe) return true;
  if (equal) {
    auto note = removed_cue_note(c, "cue without duration");
    hold(std::move(note), c.start, c.payload.size());
    return false;
  }
  std::swap(c.start, c.end);
  return true;
}

void fixer::push(const cue& in) {
  cue c = in;
  if (!repair_times(c)) return;
  if (c.start < latest_start_) {
    const bool can = c.start >= released_key_;
    report(rule::start_backwards, c.line,
           can ? std::string("cue out of order: moved to its place by start time")
               : fmt::format("cue out of order by more than the sort window ({} cues, {} MiB): left in place",
                             options_.sort_cues, options_.sort_bytes >> 20),
           true, 1, can);
  }
  latest_start_ = std::max(latest_start_, c.start);
  last_key_ = c.start;
  const auto size = size_of(c);
  const auto key = c.start;
  hold(std::move(c), key, size);
}

void fixer::push(const block& b) { hold(b, last_key_, b.text.size() + 64); }

void fixer::hold(item it, millis key, std::size_t size) {
  window_.emplace(std::pair{key, arrivals_++}, std::move(it));
  window_bytes_ += size;
  release(false);
}

void fixer::release(bool all) {
  while (!window_.empty() && (all || window_.size() > options_.sort_cues || window_bytes_ > options_.sort_bytes)) {
    auto node = window_.extract(window_.begin());
    auto& it = node.mapped();
    if (auto* c = std::get_if<cue>(&it)) {
      window_bytes_ -= std::min(window_bytes_, size_of(*c));
      released_key_ = std::max(released_key_, c->start);
      post(*c);
    } else {
      const auto& b = std::get<block>(it);
      window_bytes_ -= std::min(window_bytes_, b.text.size() + 64);
      post(b);
    }
  }
}

bool fixer::duplicate(const cue& c) {
  if (!same_start_.empty() && same_start_.front().start != c.start) same_start_.clear();
  // Compared as they will be written: two cues that differ only in what the text repairs
  // remove (an invalid timestamp tag) are the same once fixed, and fixing again must not find
  // a duplicate the first run left.
  std::string payload;
  const detail::payload_fix how{c.start, c.end, options_.close_voice, options_.unsafe};
  if (!detail::fix_payload(c.payload, how, payload, [](rule, std::size_t, std::size_t, const std::string&, bool) {}))
    payload = c.payload;
  const auto it = std::find_if(same_start_.begin(), same_start_.end(), [&](const cue& o) {
    return o.end == c.end && o.settings == c.settings && o.payload == payload;
  });
  if (it == same_start_.end()) {
    if (same_start_.size() < 64) {
      same_start_.push_back(c);
      same_start_.back().payload = std::move(payload);
    }
    return false;
  }
  report(rule::duplicate_id, c.line, fmt::format("the same cue as the one at line {}: removed", it->line), false);
  return options_.unsafe;
}

void fixer::overlap(cue& c) {
  if (!previous_ || options_.overlap == overlap_policy::keep || c.start >= previous_->end) return;
  auto& p = *previous_;
  if (options_.overlap == overlap_policy::trim) {
    if (c.start <= p.start) return;  // same start: nothing to trim to
    report(rule::overlap, p.line,
           fmt::format("overlaps the next cue: end {} moved to {}", format_timestamp(p.end), format_timestamp(c.start)),
           false);
    if (options_.unsafe) p.end = c.start;
    return;
  }
  const auto delta = p.end - c.start;
  // The retimer computes in double, exact up to 2^53 ms (285,000 years): a cue that far out
  // keeps its overlap rather than lose its duration to rounding.
  constexpr millis exact = millis{1} << 53;
  if (c.end > exact - delta) return;
  report(rule::overlap, c.line,
         fmt::format("overlaps the cue before: moved {} ms later, to {}", delta, format_timestamp(p.end)), false);
  if (!options_.unsafe) return;
  retime_options shift;
  shift.offset = static_cast<double>(delta);
  retimer{shift}.apply(c);
}

void fixer::post(cue& c) {
  if (duplicate(c)) return;
  overlap(c);
  flush_previous();
  previous_ = std::move(c);
}

void fixer::post(const block& b) {
  if (previous_) after_previous_.push_back(b);
  else if (blocks_) blocks_(b);
}

void fixer::flush_previous() {
  if (previous_) emit(*previous_);
  previous_.reset();
  for (const auto& b : after_previous_)
    if (blocks_) blocks_(b);
  after_previous_.clear();
}

void fixer::fix_id(cue& c) {
  if (c.id.empty()) return;
  const auto number = id_number(c.id);
  if (number) largest_number_ = std::max(largest_number_, *number);
  if (ids_.insert(c.id).second) return;
  const auto line = c.id_line ? c.id_line : c.line;
  if (!number) {
    report(rule::duplicate_id, line, fmt::format("id '{}' used before: removed", c.id), true);
    c.id.clear();
    return;
  }
  auto next = largest_number_ + 1;
  while (ids_.contains(std::to_string(next))) ++next;
  report(rule::duplicate_id, line, fmt::format("id '{}' used before: renumbered {}", c.id, next), true);
  c.id = std::to_string(next);
  largest_number_ = next;
  ids_.insert(c.id);
}

void fixer::emit(cue& c) {
  if (const auto k = keyword_of(c.id); !k.empty()) {
    const bool note = k == "NOTE";
    report(rule::arrow_in_text, c.id_line,
           note ? "NOTE with a timing line right after it (read as a cue id): blank line inserted"
                : fmt::format("cue id '{}' read as a {} block by other readers: moved into a NOTE block", c.id, k),
           true);
    if (blocks_) blocks_(block{block_kind::note, note ? c.id : "NOTE cue id: " + c.id, c.id_line});
    c.id.clear();
  }
  fix_id(c);
  const detail::payload_fix how{c.start, c.end, options_.close_voice, options_.unsafe};
  const auto first = c.line + 1;
  if (detail::fix_payload(c.payload, how, scratch_,
                          [&](rule r, std::size_t line, std::size_t column, std::string message, bool safe) {
                            report(r, first + line, std::move(message), safe, column);
                          })) {
    c.payload.swap(scratch_);
  }
  // A "-->" left in the text would end the cue for every reader: written as players show it.
  for (auto at = c.payload.find("-->"); at != std::string::npos; at = c.payload.find("-->", at)) {
    report(rule::arrow_in_text,
           first + static_cast<std::size_t>(
                       std::count(c.payload.begin(), c.payload.begin() + static_cast<std::ptrdiff_t>(at), '\n')),
           "'-->' in cue text (readers take the line for a timing line): written as '--&gt;'", true);
    c.payload.replace(at + 2, 1, "&gt;");
  }
  if (cues_) cues_(c);
}

void fixer::finish() {
  release(true);
  flush_previous();
}

}  // namespace vttkit
