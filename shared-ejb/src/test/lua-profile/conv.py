import re,sys
# MONITOR line -> list of args (top-level commands only)
tok=re.compile(r'"((?:[^"\\]|\\.)*)"')
def unesc(s):
    out=bytearray(); i=0
    while i<len(s):
        c=s[i]
        if c=='\\':
            n=s[i+1]
            if n=='x': out.append(int(s[i+2:i+4],16)); i+=4; continue
            out += {'n':b'\n','r':b'\r','t':b'\t','"':b'"','\\':b'\\','a':b'\a','b':b'\b'}.get(n,n.encode()); i+=2; continue
        out+=c.encode(); i+=1
    return bytes(out)
def lq(b): return '"'+''.join(ch if 32<=ord(ch)<127 and ch not in '"\\' else '\\%d'%ord(ch) for ch in b.decode('latin1'))+'"'
lines=[]
for l in open(sys.argv[1],encoding='latin1'):
    if '[0 lua]' in l: continue
    args=[unesc(a) for a in tok.findall(l)]
    if not args: continue
    c=args[0].upper()
    if c in (b'PING',b'XREAD',b'XLEN',b'INFO',b'CLIENT'): continue
    lines.append('{'+','.join(lq(a) for a in args)+'}')
open('calls.lua','w').write('return {\n'+',\n'.join(lines)+'\n}\n')
print(len(lines))
