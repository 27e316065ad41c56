// vtt config: the settings in effect for a path, and where each comes from.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>
#include <vttkit/lint.hpp>
#include <vttkit/report.hpp>
#include <vttkit/transform.hpp>

#include "cli_io.hpp"
#include "commands.hpp"
#include "config.hpp"

namespace vtt {
namespace {

struct config_cli_options {
  std::string path = ".";
  config_choice choice;
};

std::string number_text(double n) { return fmt::format("{}", n); }

/// A key's value when no file sets it: the program's defaults, which are the library's.
std::string default_text(std::string_view key) {
  const vttkit::lint_options lint;
  const vttkit::merge_options merge;
  const vttkit::stitch_options stitch;
  if (key == "lint.profile") return "\"default\"";
  if (key == "lint.select") return "[]";
  if (key == "lint.ignore") return "[]";
  if (key == "lint.strict") return "false";
  if (key == "lint.max-line-length") return fmt::format("{}", lint.max_line_length);
  if (key == "lint.max-lines") return fmt::format("{}", lint.max_lines);
  if (key == "lint.max-cps") return number_text(lint.max_cps);
  if (key == "lint.min-duration") return number_text(to_seconds(lint.min_duration));
  if (key == "lint.max-duration") return number_text(to_seconds(lint.max_duration));
  if (key == "lint.min-gap") return number_text(to_seconds(lint.min_gap));
  if (key == "merge.max-gap") return number_text(to_seconds(merge.max_gap));
  if (key == "merge.max-chars") return fmt::format("{}", merge.max_chars);
  if (key == "merge.max-duration") return number_text(to_seconds(merge.max_duration));
  if (key == "stitch.max-chars") return fmt::format("{}", stitch.max_chars);
  if (key == "stitch.max-duration") return number_text(to_seconds(stitch.max_duration));
  return "{}";
}

/// `s` as a TOML string, escaped as TOML escapes (by toml++): a label holding a quote, a line
/// end or an ESC stays one valid setting line, and nothing reaches the terminal raw.
std::string in_quotes(std::string_view s) {
  std::ostringstream out;
  const toml::value<std::string> value{std::string(s)};
  out << toml::toml_formatter{value, toml::format_flags::none};  // one line: no multi-line strings
  return out.str();
}

std::string rules_text(const std::vector<std::string>& list) {
  std::string out = "[";
  for (const auto& r : list) {
    if (out.size() > 1) out += ", ";
    out += in_quotes(r);  // appended, not added to a literal: g++ 12 with LTO saw a bogus overflow there
  }
  out += ']';
  return out;
}

/// "S203,W102" (a per-file-ignores entry as stored) to its rules.
std::vector<std::string> split_rules(const std::string& joined) {
  std::vector<std::string> list;
  for (std::size_t at = 0; at <= joined.size();) {
    const auto comma = std::min(joined.find(',', at), joined.size());
    list.push_back(joined.substr(at, comma - at));
    at = comma + 1;
  }
  return list;
}

/// A value as TOML writes it.
std::string value_text(const config_key& k, const config_value& v) {
  switch (k.kind) {
    case value_kind::text: return in_quotes(v.text);
    case value_kind::boolean: return v.text;
    case value_kind::rules: return rules_text(v.list);
    case value_kind::rule_table:
    case value_kind::name_table: {
      std::string out;
      for (const auto& [name, value] : v.table) {
        const auto shown = k.kind == value_kind::name_table ? in_quotes(value) : rules_text(split_rules(value));
        out += fmt::format("{}{} = {}", out.empty() ? "" : ", ", in_quotes(name), shown);
      }
      return "{ " + out + " }";
    }
    default: return number_text(v.number);
  }
}

int run(const config_cli_options& opt) {
  config cfg;
  std::string error;
  std::error_code ec;
  if (opt.path != "-" && !std::filesystem::exists(opt.path, ec)) {  // a typo would show the defaults
    std::fprintf(stderr, "vtt: config: %s: no such file or folder\n", vttkit::display_name(opt.path).c_str());
    return exit_usage;
  }
  if (!config_for(opt.choice, opt.path, cfg, error)) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return exit_usage;
  }
  std::string out = fmt::format("# config file: {}\n", cfg.path.empty() ? "none" : vttkit::display_name(cfg.path));
  for (const auto& k : config_keys()) {
    const auto* v = cfg.find(k.key);
    auto origin = v ? vttkit::display_name(cfg.origin(*v)) : std::string("default");
    if (v == nullptr && k.key == "lint.select") origin += ": the profile's rules";
    out += fmt::format("{} = {}  # {}\n", k.key, v ? value_text(k, *v) : default_text(k.key), origin);
  }
  std::fputs(out.c_str(), stdout);
  return exit_ok;
}

}  // namespace

command setup_config(CLI::App& app) {
  auto opt = std::make_shared<config_cli_options>();
  auto* cmd = app.add_subcommand("config", "Show the settings in effect for a path and where each comes from");
  cmd->add_option("path", opt->path, "A file or folder whose configuration to show (default: the current folder)")
      ->type_name("FILE");
  add_config_flags(*cmd, opt->choice);
  cmd->footer(
      "Examples:\n"
      "  vtt config\n"
      "  vtt config subs/a.vtt\n\n"
      "Exit codes: 0 success, 2 a bad configuration file or usage error.");
  return {cmd, [opt] { return run(*opt); }};
}

}  // namespace vtt
