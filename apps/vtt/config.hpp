// The configuration file (docs/config.md): vtt.toml or .vtt.toml, found from an input's folder
// up to the repository root, or named with --config. It gives defaults to the flags of lint
// and of the reading-and-writing commands; a flag given on the command line wins.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace CLI {
class App;
}

namespace vtt {

/// The names looked for in each folder, in this order: vtt.toml wins over .vtt.toml.
inline constexpr std::string_view config_names[] = {"vtt.toml", ".vtt.toml"};

/// What a setting holds.
enum class value_kind { text, rules, boolean, count, number, seconds, rule_table, name_table };

/// A setting the file may hold: its dotted key ("lint.max-cps"), what it holds, and its
/// default in words for `vtt config`.
struct config_key {
  std::string_view key;
  value_kind kind;
  std::string_view summary;
};

/// Every key a file may hold (docs/config.md).
std::span<const config_key> config_keys();

/// One setting read from a file, checked against its key's kind.
struct config_value {
  std::string key;
  std::string text;               ///< text, boolean ("true"/"false")
  std::vector<std::string> list;  ///< rules
  double number = 0;              ///< count, number, seconds (in seconds)
  /// rule_table: glob -> rules (comma-joined); name_table: old name -> new name.
  std::vector<std::pair<std::string, std::string>> table;
  std::size_t line = 0;
  std::size_t column = 0;
};

/// A loaded file; `path` is empty when there is none.
struct config {
  std::string path;
  std::string folder;  ///< the file's folder: per-file-ignores globs are relative to it
  std::vector<config_value> values;
  [[nodiscard]] const config_value* find(std::string_view key) const;
  /// "vtt.toml:3" for a value of this file.
  [[nodiscard]] std::string origin(const config_value& v) const;
};

/// --config FILE and --no-config.
struct config_choice {
  std::string file;
  bool none = false;
};

/// Adds --config FILE and --no-config to a command.
void add_config_flags(CLI::App& cmd, config_choice& choice);

/// The file that applies to `input` ("-" or empty: standard input, from the current folder):
/// the first vtt.toml or .vtt.toml in its folder or above, stopping after the folder that
/// holds `.git`. Empty when there is none.
std::string find_config(const std::string& input);

/// Reads and checks `path`. On a bad TOML line, an unknown key or a bad value: false and
/// `error` as "FILE:LINE:COL: error: ...".
bool load_config(const std::string& path, config& out, std::string& error);

/// The file whose settings apply to `input` as `choice` says: the named file, the one found,
/// or empty (--no-config, or none found).
std::string config_path(const config_choice& choice, const std::string& input);

/// The config for `input` as `choice` says: none, the named file, or the one found.
bool config_for(const config_choice& choice, const std::string& input, config& out, std::string& error);

/// The rules `cfg`'s per-file-ignores add for `input` (whose globs match its path relative
/// to the file's folder; a glob without '/' matches the file name in any folder).
std::vector<std::string> per_file_ignores(const config& cfg, const std::string& input);

}  // namespace vtt
