#pragma once
// Text as Word leaves it, made text as the bureau would type it: the
// spaces around a line (ASCII, full-width U+3000, no-break U+00A0), line
// breaks inside a name or a cell, the spaces that spread a short title
// (申　请　表) when it is compared with another.

#include <string>
#include <string_view>
#include <vector>

namespace gen::import {

// Without white space at either end (ASCII, U+3000, U+00A0, tabs).
std::string trim_spaces(std::string_view s);

// A paragraph's lines, each trimmed; breaks at either end and empty lines dropped.
std::vector<std::string> lines_of(std::string_view paragraph);

// One line: the lines of a name or a cell broken by hand, joined with
// nothing between them (Chinese has no spaces between words).
std::string one_line(std::string_view text);

// Without any white space: how two spellings of a title are compared.
std::string spaceless(std::string_view s);

// The digits at the start of `s` (ASCII or full-width) as a number, and how
// many bytes they took; -1 when `s` starts with none.
int leading_number(std::string_view s, std::size_t& bytes);

}  // namespace gen::import
