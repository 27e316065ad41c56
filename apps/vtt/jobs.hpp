// Jobs: the inputs of a batch shared among worker threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>

#include "messages.hpp"

namespace vtt {

/// Input bytes the jobs have read so far (workers add their inputs' sizes), for the progress bar.
extern std::atomic<std::size_t> bytes_processed;

/// Runs `work(i)` for i in [0, count) on `jobs` threads (0 = all cores; never more threads than
/// cores or than `count`); returns the highest exit code. With `bar`, shows a progress bar as
/// its status line, redrawn every `redraw_seconds`. Once a work returns `exit_output_closed`,
/// no further work starts.
int run_jobs(std::size_t count, unsigned jobs, messages* bar, const std::function<int(std::size_t)>& work);

/// Threads to parse each input with when `jobs` workers (0 = all cores) share `inputs` files:
/// the workers left over when there are fewer files than workers (workers capped at the cores), at least 1.
unsigned threads_per_input(unsigned jobs, std::size_t inputs);

}  // namespace vtt
