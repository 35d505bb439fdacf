#pragma once
// A notice's body as the Markdown the bureau types: its official numbers
// 一、 （一） 1. （1） as headings where they head a section, every other
// paragraph as text, a line broken inside a paragraph kept as a hard break,
// a table as a GFM table (its first row the header), and Markdown's own
// marks escaped so that the text stays text.

#include <string>
#include <vector>

#include "office/word_body.hpp"

namespace gen::import {

std::string body_markdown(const std::vector<office::WordBlock>& body);

// The official level of a numbered line: 1 for 一、, 2 for （一）, 3 for
// 1. or 1．, 4 for （1）; 0 when it starts with none.
int official_level(const std::string& line);

// Text safe to place in a Markdown paragraph: *, _, `, [, ], \, |, a tag's
// <, an entity's &, and a line's leading #, >, -, +, = or "1." escaped.
std::string escape_markdown_line(const std::string& line);

}  // namespace gen::import
