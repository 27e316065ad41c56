// The configuration file: finding it, reading it with toml++, checking each key and value.
#include "config.hpp"

#include <array>
#include <cmath>
#include <filesystem>
#include <string>
#include <system_error>

#include <fnmatch.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>
#include <vttkit/lint.hpp>
#include <vttkit/timestamp.hpp>

#include "cli_io.hpp"
#include "flags.hpp"

namespace vtt {
namespace fs = std::filesystem;

namespace {

constexpr std::array<config_key, 17> keys{{
    {"lint.profile", value_kind::text, "the rules run: default, subtitle or transcript (--profile)"},
    {"lint.select", value_kind::rules, "run only these rules (--select)"},
    {"lint.ignore", value_kind::rules, "skip these rules (--ignore)"},
    {"lint.strict", value_kind::boolean, "warnings fail too (--strict)"},
    {"lint.max-line-length", value_kind::count, "S201 (--max-line-length)"},
    {"lint.max-lines", value_kind::count, "S202 (--max-lines)"},
    {"lint.max-cps", value_kind::number, "S203 (--max-cps)"},
    {"lint.min-duration", value_kind::seconds, "S204 (--min-duration)"},
    {"lint.max-duration", value_kind::seconds, "S205 (--max-duration)"},
    {"lint.min-gap", value_kind::seconds, "S206 (--min-gap)"},
    {"lint.per-file-ignores", value_kind::rule_table, "glob = rules skipped in the files it matches"},
    {"speakers.map", value_kind::name_table, "old label = new name (--map)"},
    {"merge.max-gap", value_kind::seconds, "merge, convert --merge (--max-gap)"},
    {"merge.max-chars", value_kind::count, "merge, convert --merge (--max-chars)"},
    {"merge.max-duration", value_kind::seconds, "merge, convert --merge (--max-duration)"},
    {"stitch.max-chars", value_kind::count, "stitch, convert --stitch (--max-chars)"},
    {"stitch.max-duration", value_kind::seconds, "stitch, convert --stitch (--max-duration)"},
}};

const config_key* key_named(std::string_view key) {
  for (const auto& k : keys) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

bool is_table_prefix(std::string_view key) {
  for (const auto& k : keys) {
    if (k.key.size() > key.size() && k.key.starts_with(key) && k.key[key.size()] == '.') return true;
  }
  return false;
}

/// Reading one file: where errors are reported.
struct reader {
  const std::string& path;
  config& out;
  std::string& error;

  bool fail(const toml::source_region& at, const std::string& message) {
    error = fmt::format("{}:{}:{}: error: {}", path, at.begin.line, at.begin.column, message);
    return false;
  }

  bool rules(const toml::node& node, std::string_view key, std::vector<std::string>& list);
  bool number(const toml::node& node, const config_key& k, config_value& v);
  bool table(const toml::node& node, const config_key& k, config_value& v);
  bool value(const toml::node& node, const config_key& k);
  bool walk(const toml::table& table, const std::string& prefix);
};

/// An array of rule ids, names or letters that the library knows.
bool reader::rules(const toml::node& node, std::string_view key, std::vector<std::string>& list) {
  const auto* array = node.as_array();
  if (array == nullptr)
    return fail(node.source(), fmt::format("{}: expected an array of rules, like [\"E\", \"W102\"]", key));
  for (const auto& item : *array) {
    const auto* s = item.as_string();
    if (s == nullptr) return fail(item.source(), fmt::format("{}: expected a rule as a string", key));
    list.push_back(s->get());
  }
  vttkit::rule_set set;
  std::string why;
  if (!vttkit::resolve_rules(vttkit::lint_profile::standard, list, {}, set, why))
    return fail(node.source(), fmt::format("{}: {}", key, why));
  return true;
}

/// A count, a number, or a time in seconds (a number, or a string such as "1500ms").
bool reader::number(const toml::node& node, const config_key& k, config_value& v) {
  std::optional<double> got;
  if (const auto* i = node.as_integer()) got = static_cast<double>(i->get());
  else if (const auto* f = node.as_floating_point(); f != nullptr && k.kind != value_kind::count) got = f->get();
  else if (const auto* s = node.as_string(); s != nullptr && k.kind == value_kind::seconds) {
    if (const auto ms = vttkit::parse_duration(s->get())) got = to_seconds(*ms);
  }
  const char* wanted = k.kind == value_kind::count    ? "a whole number of 0 or more"
                       : k.kind == value_kind::number ? "a number of 0 or more"
                                                      : "a time of 0 or more (1.5, \"1.5s\", \"1500ms\")";
  if (!got || !std::isfinite(*got) || *got < 0 || *got > static_cast<double>(max_count))
    return fail(node.source(), fmt::format("{}: expected {}", k.key, wanted));
  v.number = *got;
  return true;
}

/// A table of strings (speakers.map) or of rule arrays (lint.per-file-ignores).
bool reader::table(const toml::node& node, const config_key& k, config_value& v) {
  const auto* t = node.as_table();
  if (t == nullptr) return fail(node.source(), fmt::format("{}: expected a table", k.key));
  for (const auto& [name, item] : *t) {
    const auto full = fmt::format("{}.\"{}\"", k.key, name.str());
    if (k.kind == value_kind::name_table) {
      const auto* s = item.as_string();
      if (s == nullptr) return fail(item.source(), fmt::format("{}: expected the new name as a string", full));
      v.table.emplace_back(std::string(name.str()), s->get());
      continue;
    }
    std::vector<std::string> list;
    if (!rules(item, full, list)) return false;
    std::string joined;
    for (const auto& r : list) joined += (joined.empty() ? "" : ",") + r;
    v.table.emplace_back(std::string(name.str()), joined);
  }
  return true;
}

bool reader::value(const toml::node& node, const config_key& k) {
  config_value v;
  v.key = std::string(k.key);
  v.line = node.source().begin.line;
  v.column = node.source().begin.column;
  switch (k.kind) {
    case value_kind::text: {
      const auto* s = node.as_string();
      if (s == nullptr || !vttkit::parse_lint_profile(s->get()))
        return fail(node.source(), fmt::format("{}: expected \"default\", \"subtitle\" or \"transcript\"", k.key));
      v.text = s->get();
      break;
    }
    case value_kind::boolean: {
      const auto* b = node.as_boolean();
      if (b == nullptr) return fail(node.source(), fmt::format("{}: expected true or false", k.key));
      v.text = b->get() ? "true" : "false";
      break;
    }
    case value_kind::rules:
      if (!rules(node, k.key, v.list)) return false;
      break;
    case value_kind::rule_table:
    case value_kind::name_table:
      if (!table(node, k, v)) return false;
      break;
    default:
      if (!number(node, k, v)) return false;
  }
  out.values.push_back(std::move(v));
  return true;
}

bool reader::walk(const toml::table& table, const std::string& prefix) {
  for (const auto& [name, node] : table) {
    const auto key = prefix + std::string(name.str());
    if (const auto* k = key_named(key)) {
      if (!value(node, *k)) return false;
    } else if (const auto* sub = node.as_table(); sub != nullptr && is_table_prefix(key)) {
      if (!walk(*sub, key + ".")) return false;
    } else {
      return fail(name.source(), fmt::format("unknown key '{}' (docs/config.md lists the keys)", key));
    }
  }
  return true;
}

}  // namespace

std::span<const config_key> config_keys() { return keys; }

const config_value* config::find(std::string_view key) const {
  for (const auto& v : values) {
    if (v.key == key) return &v;
  }
  return nullptr;
}

std::string config::origin(const config_value& v) const { return fmt::format("{}:{}", path, v.line); }

void add_config_flags(CLI::App& cmd, config_choice& choice) {
  auto* file = cmd.add_option("--config", choice.file,
                              "Read settings from FILE (default: the vtt.toml or .vtt.toml nearest the input, up to "
                              "the repository root; see docs/config.md)")
                   ->type_name("FILE");
  cmd.add_flag("--no-config", choice.none, "Read no configuration file")->excludes(file);
}

std::string find_config(const std::string& input) {
  std::error_code ec;
  fs::path folder = input.empty() || input == "-" ? fs::path(".") : fs::path(input);
  if (!fs::is_directory(folder, ec)) folder = folder.parent_path();
  folder = fs::weakly_canonical(fs::absolute(folder.empty() ? fs::path(".") : folder, ec), ec);
  for (; !folder.empty(); folder = folder.parent_path()) {
    for (const auto name : config_names) {
      const auto candidate = folder / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.lexically_proximate(fs::current_path(ec)).string();
    }
    if (fs::exists(folder / ".git", ec) || folder == folder.parent_path()) break;
  }
  return {};
}

bool load_config(const std::string& path, config& out, std::string& error) {
  out = config{.path = path, .folder = fs::path(path).parent_path().string(), .values = {}};
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    error = fmt::format("{}: error: no such file", path);
    return false;
  }
  try {
    const auto table = toml::parse_file(path);
    reader r{path, out, error};
    return r.walk(table, "");
  } catch (const toml::parse_error& e) {
    error = fmt::format("{}:{}:{}: error: {}", path, e.source().begin.line, e.source().begin.column, e.description());
    return false;
  }
}

std::string config_path(const config_choice& choice, const std::string& input) {
  if (choice.none) return {};
  return choice.file.empty() ? find_config(input) : choice.file;
}

bool config_for(const config_choice& choice, const std::string& input, config& out, std::string& error) {
  out = config{};
  const auto path = config_path(choice, input);
  return path.empty() || load_config(path, out, error);
}

std::vector<std::string> per_file_ignores(const config& cfg, const std::string& input) {
  std::vector<std::string> rules;
  const auto* v = cfg.find("lint.per-file-ignores");
  if (v == nullptr || input.empty() || input == "-") return rules;
  std::error_code ec;
  const auto base = fs::absolute(cfg.folder.empty() ? fs::path(".") : fs::path(cfg.folder), ec).lexically_normal();
  const auto relative = fs::absolute(input, ec).lexically_normal().lexically_relative(base).string();
  const auto file_name = fs::path(input).filename().string();
  for (const auto& [glob, list] : v->table) {
    const bool in_folders = glob.find('/') != std::string::npos;
    const auto& subject = in_folders ? relative : file_name;
    if (::fnmatch(glob.c_str(), subject.c_str(), FNM_PATHNAME) == 0) rules.push_back(list);
  }
  return rules;
}

}  // namespace vtt
