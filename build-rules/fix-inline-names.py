#!/usr/bin/env python3
"""Replaces inline fully-qualified class names (java.*, javax.*, io.netty.*, dev.torsion.*) in code
with imports, as checkstyle's inlineFullyQualifiedName rule (build-rules/checkstyle.xml) asks.
Run from the repository root: python3 build-rules/fix-inline-names.py; it prints the names it left
alone because their simple name clashes with one already imported. Leaves strings and comments.
"""
import re,sys,subprocess,os
PAT=re.compile(r'(?<![\w."])((?:java|javax|io\.netty|dev\.torsion)(?:\.[a-z][a-z0-9_]*)+)\.([A-Z]\w*)')
def strip_strings(line):
    # blank out string and char literals so they are not touched
    out=[];i=0;inq=None
    while i<len(line):
        c=line[i]
        if inq:
            if c=='\\': out.append('  ');i+=2;continue
            if c==inq: inq=None;out.append(c)
            else: out.append(' ')
        else:
            if c in '"\'': inq=c
            out.append(c)
        i+=1
    return ''.join(out)
unresolved=[]
files=subprocess.check_output(['git','ls-files','*.java'],text=True).split()
for f in files:
    src=open(f).read()
    lines=src.split('\n')
    pkg=re.search(r'^package ([\w.]+);',src,re.M)
    pkg=pkg.group(1) if pkg else ''
    imports={}
    for l in lines:
        m=re.match(r'import ([\w.]+)\.(\w+);',l)
        if m: imports[m.group(2)]=m.group(1)+'.'+m.group(2)
    same_pkg=set(os.path.splitext(x)[0] for x in os.listdir(os.path.dirname(f)) if x.endswith('.java'))
    new_imports=set();changed=False;incomment=False
    for i,l in enumerate(lines):
        s=l.strip()
        if s.startswith('import ') or s.startswith('package '): continue
        if incomment:
            if '*/' in s: incomment=False
            continue
        if s.startswith('/*'):
            if '*/' not in s: incomment=True
            continue
        if s.startswith('*') or s.startswith('//'): continue
        code=strip_strings(l)
        cpos=code.find('//')
        if cpos>=0: code=code[:cpos]
        ms=list(PAT.finditer(code))
        if not ms: continue
        newl=l
        for m in reversed(ms):
            fq=m.group(1)+'.'+m.group(2); simple=m.group(2)
            if m.group(1)==pkg:
                ok=True
            elif simple in imports and imports[simple]!=fq: ok=False
            elif simple in same_pkg and m.group(1)!=pkg: ok=False
            elif m.group(1)=='java.lang': ok=True
            else: ok=True
            # a different fq with same simple name already used in this file's new imports?
            if ok and simple in [n.split('.')[-1] for n in new_imports if n!=fq]: ok=False
            if not ok:
                unresolved.append(f'{f}:{i+1}: {fq}');continue
            newl=newl[:m.start()]+simple+newl[m.end():]
            if m.group(1)!=pkg and m.group(1)!='java.lang' and simple not in imports: new_imports.add(fq)
        if newl!=l: lines[i]=newl;changed=True
    if not changed: continue
    if new_imports:
        idx=[k for k,l in enumerate(lines) if l.startswith('import ') and not l.startswith('import static')]
        if not idx:
            sidx=[k for k,l in enumerate(lines) if l.startswith('import static')]
            if sidx:
                at=sidx[-1]+1; lines[at:at]=['']+['import '+n+';' for n in sorted(new_imports)]
            else:
                at=[k for k,l in enumerate(lines) if l.startswith('package ')][0]+1
                lines[at:at]=['']+['import '+n+';' for n in sorted(new_imports)]
        else:
            allimp=sorted(set(lines[k] for k in idx)|set('import '+n+';' for n in new_imports))
            first,last=idx[0],idx[-1]
            lines[first:last+1]=allimp
    open(f,'w').write('\n'.join(lines))
print('\n'.join(unresolved))
