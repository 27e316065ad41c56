// vtt rule: the rules of docs/lint-rules.md, one rule's documentation or the list of all.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <vttkit/diagnostic.hpp>
#include <vttkit/lint.hpp>

#include "commands.hpp"
#include "did_you_mean.hpp"
#include "exit_code.hpp"

namespace vtt {
namespace {

/// The first profile (in the profile table's order) that runs `r`: "default", "subtitle"...
std::string_view profile_of(vttkit::rule r) {
  for (const auto& p : vttkit::lint_profiles())
    if (vttkit::profile_rules(p.profile).contains(r)) return p.name;
  return "none";
}

/// The rules of `shown`: id, name, severity, profile and summary, one per line under a header.
std::string rule_list(const vttkit::rule_set& shown) {
  std::size_t width = 4;
  for (const auto& r : vttkit::all_rules()) width = std::max(width, r.name.size());
  std::string out = fmt::format("{:<6}{:<{}}  {:<10}{:<12}{}\n", "ID", "NAME", width, "SEVERITY", "PROFILE", "SUMMARY");
  for (const auto& r : vttkit::all_rules())
    if (shown.contains(r.rule))
      out += fmt::format("{:<6}{:<{}}  {:<10}{:<12}{}\n", r.id, r.name, width, vttkit::to_string(r.severity),
                         profile_of(r.rule), r.summary);
  return out;
}

/// One rule: a line from the rule table, the rule's section of docs/lint-rules.md, and how to
/// silence it and where the page is, from the table again.
std::string rule_page(vttkit::rule rule) {
  const auto& r = vttkit::info(rule);
  return fmt::format(
      "{} {} ({}, profile {})\n\n{}\n\nSilence it for a run with --ignore {} (or --ignore {}).\nOnline: {}\n", r.id,
      r.name, vttkit::to_string(r.severity), profile_of(rule), vttkit::rule_documentation(rule), r.id, r.name,
      vttkit::rule_help_uri(rule));
}

int run(const std::string& wanted, bool given) {
  if (given && wanted.empty()) {  // vtt rule "$UNSET": no rule named, not the whole list
    std::fputs("vtt: rule: an empty rule id or name\nRun 'vtt rule' for the list of rules.\n", stderr);
    return exit_usage;
  }
  if (wanted.empty()) {
    vttkit::rule_set all;
    for (const auto& r : vttkit::all_rules()) all.add(r.rule);
    std::fputs(rule_list(all).c_str(), stdout);
    return exit_ok;
  }
  if (const auto rule = vttkit::find_rule(wanted)) {
    std::fputs(rule_page(*rule).c_str(), stdout);
    return exit_ok;
  }
  // A family or prefix, as --select takes them ("W", "S20"): the list of its rules.
  if (const auto family = vttkit::rules_matching(wanted)) {
    std::fputs(rule_list(*family).c_str(), stdout);
    return exit_ok;
  }
  std::vector<std::string_view> names;
  for (const auto& r : vttkit::all_rules()) {
    names.push_back(r.id);
    names.push_back(r.name);
  }
  std::string message = fmt::format("vtt: rule: unknown rule '{}'", wanted);
  if (const auto best = closest_name(wanted, names); !best.empty())
    message += fmt::format("; did you mean '{}'?", best);
  std::fprintf(stderr, "%s\nRun 'vtt rule' for the list of rules.\n", message.c_str());
  return exit_usage;
}

}  // namespace

command setup_rule(CLI::App& app) {
  auto wanted = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("rule", "Show a lint rule's documentation, or list the rules: vtt rule [ID|NAME]");
  auto* option =
      cmd->add_option(
             "rule", *wanted,
             "A rule's id (W103) or name (short-hours), any case; a family or prefix (W, S20): list its rules; "
             "none: list every rule")
          ->type_name("ID|NAME");
  cmd->footer(
      "Examples:\n"
      "  vtt rule\n"
      "  vtt rule W103\n"
      "  vtt rule T\n"
      "  vtt rule short-hours\n\n"
      "Exit codes: 0 success, 2 unknown rule.");
  return {cmd, [wanted, option] { return run(*wanted, option->count() != 0); }};
}

}  // namespace vtt
