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

// "附件1 table 1 row 3" for the row at `index` (from 0) of the table at `where`.
std::string row_where(const std::string& where, std::size_t index);

// The year a data file is named by: the first "2019年" of its title, or empty.
std::string year_of_title(const std::string& title);

bool looks_like_quota_table(const Grid& grid);
bool looks_like_list(const Grid& grid);
// Blanks to fill in: an empty cell, or a label ending with its colon.
bool looks_like_blank_form(const Grid& grid);

// `where` is "附件1 table 1"; rows are counted from 1, the header row included.
std::optional<DataFile> quota_table_file(const std::string& where, const std::string& title, const std::vector<std::string>& heading,
                                         const Grid& grid, const common::Units& units, Problems& problems);
std::optional<DataFile> list_file(const std::string& where, const std::string& title, const Grid& grid, const SiteSources& site,
                                  Problems& problems);

// A blank form (申请表, 申报汇总表) read from all the attachment's blocks,
// whose lines above its first table are `heading`; named by its title's
// kind and year (application-2019), a name data/forms/ does not hold yet.
std::optional<DataFile> blank_form_file(const std::string& where, const std::string& title, const std::vector<std::string>& heading,
                                        const std::vector<office::WordBlock>& blocks, const SiteSources& site, Problems& problems);

// A guide of numbered topics, each with 试点条件, 试点方向 and perhaps 申报对象.
bool looks_like_topic_guide(const std::vector<std::string>& paragraphs);
std::optional<DataFile> topic_guide_file(const std::string& where, const std::string& title, const std::vector<std::string>& paragraphs,
                                         Problems& problems);

}  // namespace gen::import
