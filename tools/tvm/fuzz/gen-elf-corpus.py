#!/usr/bin/env python3
# gen-elf-corpus.py: regenerate corpus/elf/*.hex, a minimal valid tvm image and broken variants.
# The valid image halts with status 0: it writes nr = TVM_HC_HALT into its
# data page and hands that page's address to the hypercall port.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
PT_LOAD, PT_NOTE = 1, 4
SIZE = 0x620


def elf(mut=None):
    ring0 = (PT_LOAD, 5, 0x200, 0x100200, 0x100200, 0x400, 0x400, 0x1000)
    text = (PT_LOAD, 5, 0x600, 0x101600, 0x101600, 0x20, 0x20, 0x1000)
    data = (PT_LOAD, 6, 0, 0x102000, 0x102000, 0, 0x1000, 0x1000)
    info = dict(abi=1, flags=0, entry=0x101600, stack=0x103000, stubs=0x100200,
                r0=[(0x100200, 0x100600), (0, 0), (0, 0), (0, 0)], nb=0, nn=0)
    if mut == 'abi':
        info['abi'] = 2
    if mut == 'entry-in-data':
        info['entry'] = 0x102000
    if mut == 'wx':
        data = (PT_LOAD, 7) + data[2:]
    if mut == 'overlap':
        text = (PT_LOAD, 5, 0x600, 0x100600, 0x100600, 0x20, 0x20, 0x1000)
    if mut == 'wrap':
        data = (PT_LOAD, 6, 0, 0xfffffffffffff000, 0xfffffffffffff000, 0, 0x2000, 0x1000)
    if mut == 'outside':
        data = (PT_LOAD, 6, 0, 0x1ff000, 0x1ff000, 0, 0x2000, 0x1000)
    desc = struct.pack('<IIQQQ8QII', info['abi'], info['flags'], info['entry'], info['stack'],
                       info['stubs'], *[x for r in info['r0'] for x in r], info['nb'], info['nn'])
    note = struct.pack('<III', 8, len(desc), 0x54564d31) + b'Tessera\0' + desc
    if mut == 'no-note':
        note = note.replace(b'Tessera', b'Tessara')
    phs = [ring0, text, data, (PT_NOTE, 4, 0x120, 0x100120, 0x100120, len(note), len(note), 4)]
    cls = 1 if mut == 'elf32' else 2
    mach = 3 if mut == 'machine' else 62
    eh = b'\x7fELF' + bytes([cls, 1, 1]) + b'\0' * 9 + struct.pack(
        '<HHIQQQIHHHHHH', 2, mach, 1, 0x101600, 64, 0, 0, 64, 56, len(phs), 64, 0, 0)
    f = bytearray(SIZE)
    f[0:64] = eh
    for i, p in enumerate(phs):
        f[64 + 56 * i:64 + 56 * (i + 1)] = struct.pack('<IIQQQQQQ', *p)
    f[0x120:0x120 + len(note)] = note
    f[0x200:0x600] = b'\xf4' * 0x400  # trap stubs: hlt (tvm reports a crash)
    code = (b'\xc7\x04\x25\x00\x20\x10\x00\x02\x00\x00\x00'  # movl $2, 0x102000
            b'\xb8\x00\x20\x10\x00'                          # mov $0x102000, %eax
            b'\x66\xba\xe0\x03'                              # mov $0x3e0, %dx
            b'\xef'                                          # out %eax, (%dx)
            b'\xeb\xfe')                                     # jmp .
    f[0x600:0x600 + len(code)] = code
    return bytes(f)


def write(name, data):
    with open(os.path.join(HERE, 'corpus', 'elf', name + '.hex'), 'w') as fp:
        fp.write(data.hex() + '\n')


for m in [None, 'abi', 'entry-in-data', 'wx', 'overlap', 'wrap', 'outside', 'no-note', 'elf32',
          'machine']:
    write(m or 'valid-minimal', elf(m))
v = elf()
write('truncated-in-phdrs', v[:100])
write('truncated-in-note', v[:0x150])
w = bytearray(v)
w[32:40] = struct.pack('<Q', 0xfffffffffffffff0)  # e_phoff wraps
write('phoff-wraps', bytes(w))
n = bytearray(v)
n[0x120:0x124] = struct.pack('<I', 0xfffffff0)  # note name runs past the segment
write('note-namesz-huge', bytes(n))
