// Jobs (see jobs.hpp).
#include "jobs.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "exit_code.hpp"

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

int run_jobs(std::size_t count, unsigned jobs, bool progress, const std::function<int(std::size_t)>& work) {
  jobs = static_cast<unsigned>(std::min<std::size_t>(useful_jobs(jobs), std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<int> worst{0};
  std::mutex m;
  std::condition_variable cv;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      const int code = run_one_job(work, i);
      if (code == exit_output_closed) next.store(count);  // nothing more can be written: stop
      int seen = worst.load();
      while (code > seen && !worst.compare_exchange_weak(seen, code)) {
      }
      done.fetch_add(1);
      cv.notify_all();
    }
  };
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  std::thread progress_thread;
  std::atomic<bool> finished{false};
  if (progress) {
    progress_thread = std::thread([&] {
      std::unique_lock lock{m};
      while (!finished.load()) {
        cv.wait_for(lock, std::chrono::milliseconds(200));
        const auto d = done.load();
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double left = d ? secs / static_cast<double>(d) * static_cast<double>(count - d) : 0.0;
        const auto width = 30;
        const auto filled = count ? static_cast<int>(width * d / count) : width;
        const double rate = secs > 0 ? static_cast<double>(bytes_processed.load()) / 1e6 / secs : 0.0;
        const auto speed = rate > 0 ? fmt::format("{:.0f} MB/s, ", rate) : std::string();
        std::fprintf(stderr, "\r[%-*s] %zu/%zu files, %s%.0f s left ", width,
                     std::string(static_cast<std::size_t>(filled), '#').c_str(), d, count, speed.c_str(), left);
        std::fflush(stderr);
      }
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    });
  }
  worker();
  for (auto& t : threads) t.join();
  finished = true;
  cv.notify_all();
  if (progress_thread.joinable()) progress_thread.join();
  return worst.load();
}

}  // namespace vtt
