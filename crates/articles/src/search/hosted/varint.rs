//! LEB128 varints: seven bits a byte, the high bit set on all but the last.

pub fn put(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A varint from its bytes, given one at a time: `None` if they end first or it is too long
/// for 64 bits.
pub fn decode(mut next_byte: impl FnMut() -> Option<u8>) -> Option<u64> {
    let mut value = 0_u64;
    for shift in (0..64).step_by(7) {
        let byte = next_byte()?;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

/// Reads bytes as varints; `None` past the end or on a value too long for 64 bits.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn next(&mut self) -> Option<u64> {
        decode(|| {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            Some(byte)
        })
    }

    pub fn number(&mut self) -> Option<u32> {
        self.next().and_then(|v| u32::try_from(v).ok())
    }

    pub fn size(&mut self) -> Option<usize> {
        self.next().and_then(|v| usize::try_from(v).ok())
    }

    /// The next `len` bytes as they are.
    pub fn bytes(&mut self, len: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(slice)
    }

    /// How many bytes are left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}
