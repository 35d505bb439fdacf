#pragma once
// Spreadsheets (XLSX, and CSV of the same rows) for tables to fill in or to
// review: a plain model of sheets and rows, written with libxlsxwriter.

#include <optional>
#include <string>
#include <vector>

namespace office::xlsx {

struct Cell {
    std::string text;
    std::optional<double> number;  // written as a number, with `decimals` places shown
    int decimals = 0;
    std::string formula;           // with `number` as its computed value, e.g. "=SUM(B3:B15)"
};

Cell text(std::string s);
Cell number(double value, int decimals = 0);

enum class RowKind {
    title,   // merged across the table, large and bold
    note,    // merged across the table, plain
    header,  // column labels
    data,
    total,
    gap,     // an empty row between two tables on one sheet
};

struct Row {
    RowKind kind = RowKind::data;
    std::vector<Cell> cells;
    double height = 0;  // points; 0: as tall as the text needs
};

struct Sheet {
    std::string name;  // at most 31 characters, none of []:*?/\ (Excel's rules)
    std::vector<Row> rows;
    bool landscape = false;
};

struct Workbook {
    std::string title, author;
    std::string date;  // YYYY-MM-DD: the creation date kept in its properties
    std::vector<Sheet> sheets;
};

// A sheet that opens with its title, the heading's lines joined (or
// `fallback` when there are none), merged across the table.
Sheet titled_sheet(std::string name, const std::vector<std::string>& heading, const std::string& fallback);

// The .xlsx file: the same bytes for the same workbook. Throws
// std::runtime_error when libxlsxwriter refuses it (a bad sheet name, say).
std::string xlsx_bytes(const Workbook& book);

// The sheet's header, data and total rows as CSV: UTF-8 with a byte-order
// mark and CRLF line ends, which is what Excel opens correctly.
std::string csv_bytes(const Sheet& sheet);

// Every text of the workbook, one per line: what the personal data check reads.
std::string plain_text(const Workbook& book);

// "A1"-style name of a cell, for formulas: column_name(0) == "A".
std::string column_name(int column);

}  // namespace office::xlsx
