// Linked with the whole public-site library and nothing of the review part
// (see CMakeLists.txt): that it links at all is the check.
int main() { return 0; }
