#!/usr/bin/env python3
"""Where pith loses gold words, by rule, out of fold.

    python3 bench/loss_by_rule.py SET FORMAT [TYPE]
        (SET: scrapinghub | wcxb; FORMAT: html | txt | md; TYPE: a WCXB page type, e.g. article)

Cleans every labelled page of the set with the fold models that did not see it
(data/model/cv/fold<K>, as `pith eval --cv` does), then attributes each gold word trigram
missing from the output to the first dropped segment that holds it (its rule), and prints
the share of gold trigrams each rule loses, with the pages it loses most on. Needs a release
build (target/release/pith) and the bench beside the checkout (../shared/bench).
"""
import collections
import json
import os
import re
import subprocess
import sys

ROOT=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
B=os.path.join(ROOT,'..','shared','bench'); s=sys.argv[1]; fmt=sys.argv[2]; only=sys.argv[3] if len(sys.argv)>3 else None
gold=json.load(open(f'{B}/{s}/ground-truth.json'))
folds={}
for line in open(os.path.join(ROOT,'bench','folds.tsv')):
    if line.startswith('#') or not line.strip(): continue
    a,pid,d,f=line.rstrip('\n').split('\t')
    if a==s: folds[pid]=int(f)
tok=lambda t: re.findall(r'\w+', t.lower())
tri=lambda t: list(zip(t,t[1:],t[2:]))
files=sorted(os.listdir(f'{B}/{s}/{fmt}'))
byfold=collections.defaultdict(list)
for fn in files:
    pid=fn.split('.')[0]
    if only and gold.get(pid,{}).get('type')!=only: continue
    if pid in folds and pid in gold: byfold[folds[pid]].append(fn)
miss=collections.Counter(); falsek=collections.Counter(); total=0; pages=collections.defaultdict(collections.Counter)
for k,fns in byfold.items():
    out=subprocess.run([os.path.join(ROOT,'target','release','pith'),'clean','--jsonl','--models',os.path.join(ROOT,'data','model','cv',f'fold{k}')]+[f'{B}/{s}/{fmt}/{f}' for f in fns],capture_output=True,text=True).stdout
    # One record a line: split at newlines only (str.splitlines also splits at U+2028 and
    # U+0085, which JSON strings may hold raw, and the records cut there were skipped).
    for line in out.split('\n'):
        if not line: continue
        r=json.loads(line)
        pid=os.path.basename(r['source']).split('.')[0]
        g=gold[pid]; gt=g.get('articleBody') or ''
        gset=set(tri(tok(gt))); total+=len(gset)
        kept=set(tri(tok(r['text'])))
        missing=gset-kept
        for seg in r['segments']:
            if seg['keep']: continue
            t=set(tri(tok(seg['content'] if seg.get('content') is not None else seg['text'])))
            hit=missing & t
            if hit:
                miss[seg['rule']]+=len(hit); pages[seg['rule']][pid]+=len(hit); missing-=hit
        miss["(never in a segment)"]+=len(missing); pages["(never in a segment)"][pid]+=len(missing)
print('total gold trigrams',total)
for k,v in miss.most_common(16): print(f'{v:8d} {v/total:.4f} {k}  top pages: {pages[k].most_common(6)}')
