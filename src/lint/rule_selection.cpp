// Which rules run: the profiles, and the --select / --ignore selectors (see lint.hpp).
#include <vttkit/lint.hpp>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "text/ascii.hpp"

namespace vttkit {

std::span<const lint_profile_info> lint_profiles() noexcept {
  static constexpr std::array<lint_profile_info, 3> table{{
      {lint_profile::standard, "default", "E and W rules"},
      {lint_profile::subtitle, "subtitle", "adds the S rules: line length, reading speed, durations, gaps"},
      {lint_profile::transcript, "transcript", "adds the T rules: speaker labels"},
  }};
  return table;
}

std::optional<lint_profile> parse_lint_profile(std::string_view name) noexcept {
  if (name == "default" || name == "standard") return lint_profile::standard;
  if (name == "subtitle") return lint_profile::subtitle;
  if (name == "transcript") return lint_profile::transcript;
  return std::nullopt;
}

rule_set profile_rules(lint_profile profile) noexcept {
  rule_set s;
  for (const auto& r : all_rules()) {
    // YouTube writes Kind: and Language: at the top of every file: no news in a transcript.
    if (r.rule == rule::header_metadata && profile == lint_profile::transcript) continue;
    const char family = r.id.front();
    if (family == 'E' || family == 'W' || (family == 'S' && profile == lint_profile::subtitle) ||
        (family == 'T' && profile == lint_profile::transcript))
      s.add(r.rule);
  }
  return s;
}

std::optional<rule_set> rules_matching(std::string_view selector) noexcept {
  if (selector.empty()) return std::nullopt;
  if (const auto r = find_rule(selector)) {
    rule_set s;
    s.add(*r);
    return s;
  }
  // A prefix of ids: a family letter, optionally followed by digits ("W", "S20"). Ids are
  // written in capitals.
  rule_set s;
  for (const auto& r : all_rules()) {
    if (selector.size() < r.id.size() && detail::istarts_with(r.id, selector)) s.add(r.rule);
  }
  if (s.empty()) return std::nullopt;
  return s;
}

namespace {

/// Adds the rules of each selector of `entries` (each entry may list several: "E,W102") to
/// `into`; `any` tells whether there was a selector at all. False, with `error` set, on an
/// unknown selector.
bool collect(std::span<const std::string> entries, rule_set& into, bool& any, std::string& error) {
  for (const std::string_view entry : entries) {
    for (std::size_t pos = 0; pos <= entry.size();) {
      const auto comma = std::min(entry.find(',', pos), entry.size());
      auto token = entry.substr(pos, comma - pos);
      pos = comma + 1;
      token = detail::trim(token, detail::is_space);
      if (token.empty()) continue;  // "E,W," or "E, W": stray separators are harmless
      const auto rules = rules_matching(token);
      if (!rules) {
        error = fmt::format(
            "unknown rule '{}' (expected an id like W103, a name like short-hours, or a "
            "letter E, W, S or T)",
            token);
        return false;
      }
      into |= *rules;
      any = true;
    }
  }
  return true;
}

}  // namespace

bool resolve_rules(lint_profile profile, std::span<const std::string> select, std::span<const std::string> ignore,
                   rule_set& out, std::string& error) {
  rule_set selected, ignored;
  bool any_selected = false, any_ignored = false;
  if (!collect(select, selected, any_selected, error) || !collect(ignore, ignored, any_ignored, error)) return false;
  out = any_selected ? selected : profile_rules(profile);
  out -= ignored;
  return true;
}

}  // namespace vttkit
