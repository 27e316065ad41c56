// Exit codes, and the outcome that ends the program quietly.
#pragma once

namespace vtt {

/// Exit codes (docs/commands.md): the highest applies when files differ. `exit_output_closed`
/// is no exit code but an outcome: standard output was closed by its reader (`vtt convert
/// big.vtt | head`), so the work stops, nothing more is said, and `main` exits with 0. It
/// ranks above the others because nothing after it can be written anyway.
enum exit_code : int { exit_ok = 0, exit_findings = 1, exit_usage = 2, exit_output_closed = 3 };

}  // namespace vtt
