package journal

// DefaultPathFor is DefaultPath for any system and environment, so that
// one machine tests them all.
var DefaultPathFor = defaultPath
