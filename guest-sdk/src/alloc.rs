//! The allocator of rule modules inside a component.
//!
//! echri runs every evaluation in a fresh instance, so a module's heap lives
//! for one call. A bump allocator over a static arena fits that exactly: it
//! allocates by adding to an offset, frees nothing (the instance is thrown
//! away), and needs no `memory.grow` — which matters, because every growth
//! (and the reset when the instance is dropped) costs the host `mprotect`
//! calls that flush TLBs on every core. An evaluation that outgrows the
//! arena falls back to the system allocator.
//!
//! Enabled by the default `bump-alloc` feature, on `wasm32` only.

#![allow(unsafe_code, reason = "a global allocator is unsafe by definition")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;

/// Size of the arena: far more than one evaluation allocates (a few KiB to
/// a few hundred KiB).
const ARENA: usize = 1 << 20;

#[repr(C, align(16))]
struct Arena(UnsafeCell<[u8; ARENA]>);

/// The allocator. One thread only: a component instance has one.
pub struct BumpAlloc {
    arena: Arena,
    next: UnsafeCell<usize>,
}

// SAFETY: WebAssembly components run single-threaded; the allocator is never
// shared between threads.
unsafe impl Sync for BumpAlloc {}

impl BumpAlloc {
    /// An empty arena.
    pub const fn new() -> BumpAlloc {
        BumpAlloc {
            arena: Arena(UnsafeCell::new([0; ARENA])),
            next: UnsafeCell::new(0),
        }
    }

    fn base(&self) -> usize {
        self.arena.0.get() as usize
    }

    fn contains(&self, ptr: *mut u8) -> bool {
        let p = ptr as usize;
        p >= self.base() && p < self.base() + ARENA
    }
}

impl std::fmt::Debug for BumpAlloc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BumpAlloc")
            .field("arena_bytes", &ARENA)
            .finish()
    }
}

impl Default for BumpAlloc {
    fn default() -> BumpAlloc {
        BumpAlloc::new()
    }
}

// SAFETY: every pointer handed out lies inside the arena with the requested
// size and alignment, or comes from `System`; arena pointers are never handed
// out twice because `next` only grows (except when the most recent block is
// freed or resized in place).
unsafe impl GlobalAlloc for BumpAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded (see `Sync`), so no other borrow of `next`.
        let next = unsafe { &mut *self.next.get() };
        let start = (self.base() + *next).next_multiple_of(layout.align()) - self.base();
        match start.checked_add(layout.size()) {
            Some(end) if end <= ARENA => {
                *next = end;
                (self.base() + start) as *mut u8
            }
            // SAFETY: forwarded with the caller's layout.
            _ => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.contains(ptr) {
            // SAFETY: single-threaded.
            let next = unsafe { &mut *self.next.get() };
            // Freeing the most recent block gives its space back.
            if ptr as usize + layout.size() == self.base() + *next {
                *next = ptr as usize - self.base();
            }
        } else {
            // SAFETY: not from the arena, so from `System` with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if self.contains(ptr) {
            // SAFETY: single-threaded.
            let next = unsafe { &mut *self.next.get() };
            let start = ptr as usize - self.base();
            // The most recent block grows or shrinks in place.
            if start + layout.size() == *next && start + new_size <= ARENA {
                *next = start + new_size;
                return ptr;
            }
            if new_size <= layout.size() {
                return ptr;
            }
        }
        // SAFETY: the default realloc, with the caller's guarantees.
        unsafe {
            let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
            let new = self.alloc(new_layout);
            if !new.is_null() {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
