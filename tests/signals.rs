//! What a process ending on a signal does before it goes (its own test process: it frees every
//! lock this process holds, which would disturb tests running beside it).

#[test]
fn every_lock_of_this_process_is_freed_and_another_copys_is_left() {
    use briefing::storage::lock;
    let dir = tempfile::tempdir().expect("tempdir");
    let one = dir.path().join("one.ron");
    let two = dir.path().join("two.ron");
    let taken_over = dir.path().join("three.ron");
    let held: Vec<lock::Lock> = [&one, &two, &taken_over]
        .iter()
        .map(|p| lock::acquire(p).expect("free").expect("written"))
        .collect();
    // Another copy took the third over (after deciding ours was stale).
    std::fs::write(lock::lock_path(&taken_over), "1").expect("write");
    lock::release_all();
    assert!(!lock::lock_path(&one).exists());
    assert!(!lock::lock_path(&two).exists());
    assert!(lock::lock_path(&taken_over).exists());
    // Dropped afterwards (had the process gone on), the locks remove nothing more.
    drop(held);
    assert!(lock::lock_path(&taken_over).exists());
}
