// The program's side effects, one header per concern: inputs, output files, jobs, progress,
// messages; and the conversion of flag values.
#pragma once

#include <cmath>

#include <string>

#include <vttkit/timestamp.hpp>
#include <vttkit/write.hpp>

#include "exit_code.hpp"
#include "inputs.hpp"
#include "jobs.hpp"
#include "messages.hpp"
#include "output_file.hpp"
#include "progress.hpp"

namespace vtt {

/// Seconds as given on the command line to milliseconds, rounded.
inline vttkit::millis to_millis(double seconds) { return static_cast<vttkit::millis>(std::llround(seconds * 1000.0)); }

/// Milliseconds of an options struct to seconds, for flags that take seconds.
inline double to_seconds(vttkit::millis ms) { return static_cast<double>(ms) / 1000.0; }

/// The first output format whose extension `path` has (case ignored); none when unknown.
const vttkit::output_format_info* format_of_extension(const std::string& path);

}  // namespace vtt
