// Jobs (see jobs.hpp).
#include "jobs.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <new>
#include <thread>
#include <vector>

#include "exit_code.hpp"
#include "progress.hpp"

namespace vtt {

std::atomic<std::size_t> bytes_processed{0};

namespace {

/// Workers that help: `jobs` (0: all cores), never more than the cores.
unsigned useful_jobs(unsigned jobs) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return jobs == 0 ? cores : std::min(jobs, cores);
}

/// Runs `work(i)`. Running out of memory fails that input (its temporary output is removed as
/// the stack unwinds) and the others go on, as for any other failure.
int run_one_job(const std::function<int(std::size_t)>& work, std::size_t i) {
  try {
    return work(i);
  } catch (const std::bad_alloc&) {
    static constexpr char message[] = "vtt: out of memory: an input failed\n";
    std::fwrite(message, 1, sizeof message - 1, stderr);
    return exit_findings;
  }
}

}  // namespace

unsigned threads_per_input(unsigned jobs, std::size_t inputs) {
  jobs = useful_jobs(jobs);
  return static_cast<unsigned>(std::max<std::size_t>(1, jobs / std::max<std::size_t>(inputs, 1)));
}

int run_jobs(std::size_t count, unsigned jobs, messages* bar, const std::function<int(std::size_t)>& work) {
  jobs = static_cast<unsigned>(std::min<std::size_t>(useful_jobs(jobs), std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<int> worst{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      const int code = run_one_job(work, i);
      if (code == exit_output_closed) next.store(count);  // nothing more can be written: stop
      int seen = worst.load();
      while (code > seen && !worst.compare_exchange_weak(seen, code)) {
      }
      done.fetch_add(1);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  // The bar is redrawn on a clock, not per file: thousands of small files a second would
  // otherwise redraw it thousands of times.
  std::mutex m;
  std::condition_variable cv;
  bool finished = false;
  std::thread progress_thread;
  if (bar) {
    progress_thread = std::thread([&] {
      const auto started = std::chrono::steady_clock::now();
      const auto interval = std::chrono::duration<double>(redraw_seconds);
      std::unique_lock lock{m};
      while (!cv.wait_for(lock, interval, [&] { return finished; })) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        bar->status(batch_bar(done.load(), count, bytes_processed.load(), secs));
      }
      bar->clear_status();
    });
  }
  worker();
  for (auto& t : threads) t.join();
  {
    std::lock_guard lock{m};
    finished = true;
  }
  cv.notify_all();
  if (progress_thread.joinable()) progress_thread.join();
  return worst.load();
}

}  // namespace vtt
