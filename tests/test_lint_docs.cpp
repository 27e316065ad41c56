// docs/lint-rules.md against the rule table: a row of the summary table and a section for
// every rule and no other, each example file linted gives exactly the findings shown under
// it, and the documentation the library carries (`vtt rule`, SARIF) is each section's text.
#include <catch2/catch.hpp>

#include <cctype>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/lint.hpp>

namespace {

std::vector<std::string> doc_lines() {
  std::ifstream in{VTTKIT_DOCS_DIR "/lint-rules.md"};
  REQUIRE(in);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// The lines of the part "## The rules", up to the next "## " heading.
std::vector<std::string> rules_part(const std::vector<std::string>& lines) {
  std::vector<std::string> part;
  bool in = false;
  for (const auto& line : lines) {
    if (starts_with(line, "## ")) in = line == "## The rules";
    else if (in) part.push_back(line);
  }
  return part;
}

/// One example: the file, and the findings written under it ("line:col: severity: message [ID]").
struct example {
  std::string file;
  std::vector<std::string> findings;
};

/// A rule's section: "### ID name", and its examples.
struct section {
  std::string heading;
  std::vector<example> examples;
  bool says_no_example = false;
};

/// A documented finding, "`name.vtt:3:1: warning: ... [W102]`", without the made-up file name.
std::optional<std::string> finding_line(std::string_view line) {
  if (line.size() < 2 || line.front() != '`' || line.back() != '`') return std::nullopt;
  line = line.substr(1, line.size() - 2);
  const auto colon = line.find(".vtt:");
  if (colon == std::string_view::npos) return std::nullopt;
  return std::string{line.substr(colon + 5)};
}

std::vector<section> sections(const std::vector<std::string>& part) {
  std::vector<section> out;
  for (std::size_t i = 0; i < part.size(); ++i) {
    const auto& line = part[i];
    if (starts_with(line, "### ")) {
      out.push_back({line.substr(4), {}, false});
    } else if (!out.empty() && starts_with(line, "(No example:")) {
      out.back().says_no_example = true;
    } else if (!out.empty() && line == "```vtt") {
      example ex;
      for (++i; i < part.size() && part[i] != "```"; ++i) ex.file += part[i] + "\n";
      // The findings: one per line, blank lines between them allowed.
      std::size_t j = i + 1;
      for (; j < part.size(); ++j) {
        if (part[j].empty()) continue;
        const auto f = finding_line(part[j]);
        if (!f) break;
        ex.findings.push_back(*f);
        i = j;
      }
      out.back().examples.push_back(ex);
    }
  }
  return out;
}

std::string shown(const vttkit::diagnostic& d) {
  const auto& info = d.info();
  return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + std::string{to_string(info.severity)} + ": " +
         d.message + " [" + std::string{info.id} + "]";
}

std::string profile_of(const vttkit::rule_info& r) {
  switch (r.id.front()) {
    case 'S': return "subtitle";
    case 'T': return "transcript";
    default: return "default";
  }
}

}  // namespace

TEST_CASE("docs/lint-rules.md: one section per rule of the table, in its order", "[lint][docs]") {
  const auto found = sections(rules_part(doc_lines()));
  std::vector<std::string> headings, expected;
  for (const auto& s : found) headings.push_back(s.heading);
  for (const auto& r : vttkit::all_rules()) expected.push_back(std::string{r.id} + " " + std::string{r.name});
  CHECK(headings == expected);
}

TEST_CASE("docs/lint-rules.md: the summary table lists every rule with its name, severity and profile",
          "[lint][docs]") {
  std::vector<std::string> rows, expected;
  for (const auto& line : doc_lines()) {
    if (!starts_with(line, "| [")) continue;
    // The first four cells: id (a link to its section), name, severity, profile.
    std::size_t end = 0;
    for (int cell = 0; cell < 4 && end != std::string::npos; ++cell) end = line.find('|', end + 1);
    rows.push_back(line.substr(0, end + 1));
  }
  for (const auto& r : vttkit::all_rules()) {
    std::string anchor{r.id};
    anchor[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(anchor[0])));
    expected.push_back("| [" + std::string{r.id} + "](#" + anchor + "-" + std::string{r.name} + ") | " +
                       std::string{r.name} + " | " + std::string{to_string(r.severity)} + " | " + profile_of(r) + " |");
  }
  CHECK(rows == expected);
}

TEST_CASE("docs/lint-rules.md: each example gives the findings shown under it", "[lint][docs]") {
  const auto found = sections(rules_part(doc_lines()));
  std::size_t examples = 0;
  for (const auto& s : found) {
    const auto id = s.heading.substr(0, s.heading.find(' '));
    const auto r = vttkit::find_rule(id);
    if (!r) continue;  // the section test names it
    INFO(s.heading);
    // Every rule shows an example, unless its section says why it cannot.
    CHECK(s.examples.empty() == s.says_no_example);
    vttkit::lint_options options;
    options.rules = {};
    options.rules.add(*r);  // as `vtt lint --select ID`
    for (const auto& ex : s.examples) {
      INFO(ex.file);
      CHECK_FALSE(ex.findings.empty());
      std::vector<std::string> got;
      for (const auto& d : vttkit::lint(ex.file, options)) got.push_back(shown(d));
      CHECK(got == ex.findings);
      ++examples;
    }
  }
  CHECK(examples >= 20);
}

namespace {

/// The body of each section of the rules part, by heading: the lines after "### ID name" up
/// to the next heading, blank lines at either end dropped.
std::vector<std::pair<std::string, std::string>> section_bodies(const std::vector<std::string>& part) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& line : part) {
    if (starts_with(line, "### ")) out.emplace_back(line.substr(4), "");
    else if (!out.empty()) out.back().second += line + "\n";
  }
  for (auto& [heading, body] : out) {
    body.erase(0, body.find_first_not_of('\n'));
    body.erase(body.find_last_not_of('\n') + 1);
  }
  return out;
}

}  // namespace

TEST_CASE("rule documentation: each rule's section of docs/lint-rules.md, as the page says it", "[lint][docs]") {
  const auto bodies = section_bodies(rules_part(doc_lines()));
  REQUIRE(bodies.size() == vttkit::all_rules().size());
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const auto& r = vttkit::all_rules()[i];
    INFO(r.id);
    CHECK(bodies[i].first == std::string{r.id} + " " + std::string{r.name});
    CHECK(std::string{vttkit::rule_documentation(r.rule)} == bodies[i].second);
    CHECK(starts_with(bodies[i].second, "**Catches** "));
  }
}

TEST_CASE("rule documentation: the description is the Catches paragraph on one line", "[lint][docs]") {
  CHECK(vttkit::rule_description(vttkit::rule::short_hours) ==
        "a timestamp with a one-digit hours field, `0:00:01.000`, once per timing line, at the first such "
        "timestamp.");
  CHECK(vttkit::rule_description(vttkit::rule::nul_character) == "U+0000 NULL anywhere in the file, at its column.");
}

TEST_CASE("rule documentation: the web address is the page's anchor of the section", "[lint][docs]") {
  CHECK(vttkit::rule_help_uri(vttkit::rule::short_hours) ==
        "https://github.com/vttkit/vttkit/blob/main/docs/lint-rules.md#w103-short-hours");
  // Every anchor is the one the summary table links to (checked against the headings above).
  for (const auto& line : doc_lines()) {
    if (!starts_with(line, "| [")) continue;
    const auto id = line.substr(3, line.find(']') - 3);
    const auto anchor = line.substr(line.find("](#") + 2, line.find(')') - line.find("](#") - 2);
    const auto r = vttkit::find_rule(id);
    REQUIRE(r);
    CHECK(vttkit::rule_help_uri(*r) == std::string{vttkit::lint_rules_url} + anchor);
  }
}
