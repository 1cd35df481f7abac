//! Independent work shared among the cores, its results in the order of
//! the items (a bundle's lines verified and decrypted, its cases merged).

/// `work` on each item, on up to `cores` threads, each taking at least
/// `at_least` items; the items of a thread that failed get `failed`.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    cores: usize,
    at_least: usize,
    work: impl Fn(&T) -> R + Sync,
    failed: impl Fn(&T) -> R,
) -> Vec<R> {
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(cores);
    let chunk = items.len().div_ceil(cores).max(at_least).max(1);
    let work = &work;
    std::thread::scope(|s| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(work).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .zip(items.chunks(chunk))
            .flat_map(|(w, part)| w.join().unwrap_or_else(|_| part.iter().map(&failed).collect()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = super::map(&items, 4, 10, |i| i * 2, |_| 0);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u32], 4, 10, |i| *i, |_| 0).is_empty());
    }
}
