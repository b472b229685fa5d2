// Command noop does nothing: the baseline a whole-process timing is compared
// with, built the same way as rightsaid.
package main

func main() {}
