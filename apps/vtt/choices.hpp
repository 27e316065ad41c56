// Flags whose values come from a table of the library (output formats, speaker-label choices,
// input formats, lint profiles): the names accepted, the help text and the default shown are
// all taken from the table, so the program never retypes a list.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

namespace vtt {

/// The `name`s of a table's entries, in table order.
template <class Info>
std::vector<std::string> names_of(std::span<const Info> table) {
  std::vector<std::string> names;
  for (const auto& e : table) names.emplace_back(e.name);
  return names;
}

/// Adds an option that sets `target` to the entry of `table` named on the command line
/// (`value` is the entry's enum member). Only the names are accepted (CLI::CheckedTransformer
/// would also take the enum's numbers); help lists them and shows the value `target` has now
/// as the default. The placeholder is NAME; a caller may give a better one (FORMAT).
template <class Info, class Enum>
CLI::Option* add_choice(CLI::App& cmd, std::string flags, Enum& target, std::span<const Info> table, Enum Info::*value,
                        std::string help) {
  std::string current;
  for (const auto& e : table) {
    if (e.*value == target) current = e.name;
  }
  CLI::callback_t assign = [&target, table, value](const CLI::results_t& given) {
    for (const auto& e : table) {
      if (!given.empty() && e.name == given.back()) {
        target = e.*value;
        return true;
      }
    }
    return false;
  };
  auto* option = cmd.add_option(std::move(flags), std::move(assign), std::move(help));
  option->type_name("NAME")->expected(1)->check(CLI::IsMember(names_of(table)));
  option->default_str(current);
  return option;
}

}  // namespace vtt
