#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

namespace gen {

struct FrontMatter {
    YAML::Node fields;
    int fields_line = 2;  // file line of the YAML's first line
    std::string body;
    int body_line = 1;    // file line of the body's first line
};

// Splits "---\n<yaml>\n---\n<body>"; throws SourceError at the YAML problem.
FrontMatter parse_front_matter(const std::string& text, const std::string& shown_path);

}  // namespace gen
