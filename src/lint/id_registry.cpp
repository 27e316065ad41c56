// The cue ids seen so far in a file (see id_registry.hpp).
#include "lint/id_registry.hpp"

#include <iterator>

#include "text/ascii.hpp"

namespace vttkit::detail {
namespace {

/// The value of an id written as a plain decimal number ("7", not "07" or "+7"): only those
/// are the same id exactly when their values are equal.
std::optional<std::uint64_t> as_number(std::string_view id) noexcept {
  if (id.empty() || id.size() > 19 || (id.size() > 1 && id[0] == '0')) return std::nullopt;
  std::uint64_t n = 0;
  for (const char ch : id) {
    if (!is_digit(ch)) return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return n;  // at most 19 digits: below 2^64 - 1, so n + 1 below cannot overflow
}

}  // namespace

std::optional<std::size_t> id_registry::add(std::string_view id, std::size_t line) {
  if (const auto n = as_number(id)) return add_number(*n) ? std::nullopt : std::optional<std::size_t>{0};
  if (const auto it = others_.find(id); it != others_.end()) return it->second;
  others_.emplace(id, line);
  return std::nullopt;
}

bool id_registry::add_number(std::uint64_t n) {
  auto next = ranges_.upper_bound(n);  // the first range starting after n
  if (next != ranges_.begin()) {
    const auto prev = std::prev(next);
    if (prev->second >= n) return false;
    if (prev->second + 1 == n) {  // the usual case: the next number in sequence
      prev->second = n;
      if (next != ranges_.end() && next->first == n + 1) {
        prev->second = next->second;
        ranges_.erase(next);
      }
      return true;
    }
  }
  if (next != ranges_.end() && next->first == n + 1) {
    const auto last = next->second;
    ranges_.emplace_hint(ranges_.erase(next), n, last);
    return true;
  }
  ranges_.emplace_hint(next, n, n);
  return true;
}

}  // namespace vttkit::detail
