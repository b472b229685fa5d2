package pg

// SetBeforeCommit makes Save call f, with the backend's process id, just
// before it commits: the tests kill the connection there.
func SetBeforeCommit(r *Register, f func(pid uint32)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.beforeCommit = f
}
