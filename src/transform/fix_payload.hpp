// The cue text part of `fixer`: a payload rewritten so that the W3C validator accepts it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <vttkit/diagnostic.hpp>
#include <vttkit/timestamp.hpp>

namespace vttkit::detail {

/// A repair inside a payload: `line` counts from 0 within the payload, `column` from 1.
using payload_report =
    std::function<void(rule r, std::size_t line, std::size_t column, std::string message, bool safe)>;

/// How to fix one payload.
struct payload_fix {
  millis start = 0;  ///< the cue's times: inline timestamps must lie strictly between them
  millis end = 0;
  bool close_voice = false;
  bool unsafe = false;
};

/// Writes `payload` fixed into `out` (see `fixer`), calling `report` for each repair (also
/// those not applied). Returns whether `out` differs from `payload`.
bool fix_payload(std::string_view payload, const payload_fix& how, std::string& out, const payload_report& report);

}  // namespace vttkit::detail
