// The rule catalogue, made from the rule table <vttkit/rules.def>.
#include <vttkit/diagnostic.hpp>

#include <algorithm>
#include <array>

#include "text/ascii.hpp"

namespace vttkit {
namespace {

// The tokens of the rule table's found_by and content columns.
namespace column {
constexpr bool parser = true;
constexpr bool linter = false;
constexpr bool loses = true;
constexpr bool keeps = false;
}  // namespace column

constexpr std::array<rule_info, rule_count> catalogue{{
#define VTTKIT_RULE(enumerator, id, name, sev, found_by, content, summary) \
  {rule::enumerator, id, name, severity::sev, summary, column::found_by, column::content},
#include <vttkit/rules.def>
#undef VTTKIT_RULE
}};

constexpr bool ids_and_names_unique() noexcept {
  for (std::size_t i = 0; i < catalogue.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (catalogue[i].id == catalogue[j].id || catalogue[i].name == catalogue[j].name) return false;
  return true;
}
static_assert(ids_and_names_unique(), "every rule of rules.def has its own id and name");

using detail::iequals;

}  // namespace

std::span<const rule_info> all_rules() noexcept { return catalogue; }

const rule_info& info(rule r) noexcept { return catalogue[static_cast<std::size_t>(r)]; }

std::optional<rule> find_rule(std::string_view id_or_name) noexcept {
  for (const auto& entry : catalogue) {
    if (iequals(entry.id, id_or_name) || iequals(entry.name, id_or_name)) return entry.rule;
  }
  return std::nullopt;
}

std::string_view to_string(severity s) noexcept { return s == severity::error ? "error" : "warning"; }

}  // namespace vttkit
