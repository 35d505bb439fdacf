#pragma once
// The kinds of attachment map_attachment knows, each from the part of the
// Word file that holds it. Internal to the import.

#include <optional>
#include <string>
#include <vector>

#include "generator/import/attachment_data.hpp"

namespace gen::import {

// A table's rows of cells, each cell one line of text.
using Grid = std::vector<std::vector<std::string>>;

Grid grid_of(const office::WordTable& table);

// The year a data file is named by: the first "2019年" of its title, or empty.
std::string year_of_title(const std::string& title);

bool looks_like_quota_table(const Grid& grid);
bool looks_like_list(const Grid& grid);

// `where` is "附件1 table 1"; rows are counted from 1, the header row included.
std::optional<DataFile> quota_table_file(const std::string& where, const std::string& title, const std::vector<std::string>& heading,
                                         const Grid& grid, const common::Units& units, Problems& problems);
std::optional<DataFile> list_file(const std::string& where, const std::string& title, const Grid& grid, const SiteSources& site,
                                  Problems& problems);

// A guide of numbered topics, each with 试点条件, 试点方向 and perhaps 申报对象.
bool looks_like_topic_guide(const std::vector<std::string>& paragraphs);
std::optional<DataFile> topic_guide_file(const std::string& where, const std::string& title, const std::vector<std::string>& paragraphs,
                                         Problems& problems);

}  // namespace gen::import
