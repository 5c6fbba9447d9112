#!/usr/bin/env python3
"""bench/load_paths.py BASE OUT_DIR: the requests bench/load.sh sends, per route.

Asks a running `rasd serve` at BASE for what its store holds (stories,
actors, outlets, days, places) and writes OUT_DIR/ROUTE.paths, one request
path per line. Each route gets many distinct requests (filters by outlet,
actor, day, CAMEO root, place, type; pages; ids), so that a run measures
answers the server has not computed before, not one cached answer asked
again; the order is shuffled with a fixed seed, so two runs on one store
send the same requests.
"""
import json
import os
import random
import sys
import urllib.parse
import urllib.request

base, out = sys.argv[1], sys.argv[2]
get = lambda p: json.load(urllib.request.urlopen(base + p, timeout=300))
q = urllib.parse.quote
rnd = random.Random(15)

words = ["السعودية", "الرياض", "الملك", "وزير الخارجية", "اليمن", "الحوثيين", "النفط", "داعش", "سوريا",
         "إيران", "الأمم المتحدة", "التحالف", "مكة", "الحج", "الاتفاق النووي", "مجلس الأمن", "المملكة",
         "الشرطة", "المدارس", "الصحة", "أسعار", "الهلال", "مصر", "العراق", "تركيا", "روسيا", "أمريكا"]
stories = get("/api/stories?limit=500")["items"] + get("/api/stories?limit=500&offset=2000")["items"]
actors = get("/api/actors?limit=300")["items"]
people = get("/api/actors?limit=50&type=person")["items"]
outlets = [o["outlet"] for o in get("/api/outlets?limit=50")["items"] if o["outlet"]]
days = sorted(d["date"] for d in get("/api/timeline")["articles"] if len(d["date"]) == 10)
places = [p["place"] for p in get("/api/event-places?limit=100")["items"]]
sample = lambda xs, k: rnd.sample(xs, min(k, len(xs)))
top_actors = [a["id"] for a in actors[:60]]
some_actors = top_actors[:20] + [a["id"] for a in sample(actors[60:], 40)]
roots = ["%02d" % r for r in range(1, 21)]
some_days = sample(days, 30)


def day_range():
    a, b = sorted(rnd.sample(days, 2))
    return "since=%s&until=%s" % (a, b)


story_ids = [s["id"] for s in stories]
article_ids = []
for s in sample(story_ids[:200], 15):
    for o in get("/api/story/%d" % s)["outlets"]:
        article_ids += [a["id"] for a in o["articles"]]


def exists(path):
    try:
        urllib.request.urlopen(base + path, timeout=300).read()
        return True
    except urllib.error.HTTPError:
        return False


# articles of large stories, and any article (ids may have gaps)
article_ids = sample(article_ids, 60) + [i for i in rnd.sample(range(1, max(article_ids + [2])), 70)
                                         if exists("/api/article/%d" % i)][:60]

lists = {
    "health": ["/api/health"],
    "search": ["/api/search?q=" + q(w) for w in words]
              + ["/api/search?q=%s&outlet=%s" % (q(w), q(o)) for w in words[:8] for o in outlets[:3]]
              + ["/api/search?q=%s&%s" % (q(w), day_range()) for w in words[:10]]
              + ["/api/search?q=%s&actor=%s" % (q(w), q(a)) for w in words[:5] for a in top_actors[:3]]
              + ["/api/search?q=%s&offset=20" % q(w) for w in words[:10]],
    "stories": ["/api/stories", "/api/stories?offset=50", "/api/stories?offset=500"]
               + ["/api/stories?outlet=" + q(o) for o in outlets]
               + ["/api/stories?actor=" + q(a) for a in some_actors]
               + ["/api/stories?since=%s&until=%s" % (d, d) for d in some_days]
               + ["/api/stories?" + day_range() for _ in range(10)],
    "story": ["/api/story/%d" % s for s in story_ids[:100] + sample(story_ids[100:], 100)],
    "article": ["/api/article/%d" % i for i in sorted(set(article_ids))],
    "actors": ["/api/actors", "/api/actors?offset=50", "/api/actors?offset=500"]
              + ["/api/actors?type=" + t for t in ("person", "state", "organization", "government", "armed_group", "agent")]
              + ["/api/actors?outlet=" + q(o) for o in outlets]
              + ["/api/actors?since=%s&until=%s" % (d, d) for d in some_days]
              + ["/api/actors?" + day_range() for _ in range(10)]
              + ["/api/actors?type=person&outlet=" + q(o) for o in outlets[:5]],
    "actor": ["/api/actor/" + q(a) for a in some_actors + [p["id"] for p in people[:30]]],
    "events": ["/api/events", "/api/events?offset=50", "/api/events?offset=1000"]
              + ["/api/events?cameo=" + r for r in roots]
              + ["/api/events?actor=" + q(a) for a in some_actors[:30]]
              + ["/api/events?target=" + q(a) for a in some_actors[:10]]
              + ["/api/events?outlet=" + q(o) for o in outlets]
              + ["/api/events?place=" + q(p) for p in places[:20]]
              + ["/api/events?since=%s&until=%s" % (d, d) for d in some_days[:10]],
    "quotes": ["/api/quotes", "/api/quotes?offset=50", "/api/quotes?offset=1000"]
              + ["/api/quotes?outlet=" + q(o) for o in outlets]
              + ["/api/quotes?speaker=" + q(a) for a in some_actors[:30]]
              + ["/api/quotes?since=%s&until=%s" % (d, d) for d in some_days[:10]],
    "outlets": ["/api/outlets"] + ["/api/outlets?since=%s&until=%s" % (d, d) for d in some_days[:15]]
               + ["/api/outlets?" + day_range() for _ in range(15)],
    "timeline": ["/api/timeline"] + ["/api/timeline?actor=" + q(a) for a in some_actors]
                + ["/api/timeline?cameo=" + r for r in roots]
                + ["/api/timeline?outlet=" + q(o) for o in outlets]
                + ["/api/timeline?" + day_range() for _ in range(10)],
    "places": ["/api/event-places"] + ["/api/event-places?actor=" + q(a) for a in some_actors[:30]]
              + ["/api/event-places?cameo=" + r for r in roots]
              + ["/api/event-places?outlet=" + q(o) for o in outlets]
              + ["/api/event-places?" + day_range() for _ in range(10)],
    "names": ["/api/names?actors=%s&places=%s&cameo=%s" % (",".join(q(a) for a in sample(top_actors, 20)),
                                                          ",".join(q(p) for p in sample(places, 10)),
                                                          ",".join(sample(roots, 5)))
              for _ in range(30)],
    "static": ["/", "/static/app.js", "/static/app.css", "/static/map.js"],
}
os.makedirs(out, exist_ok=True)
for name, paths in lists.items():
    paths = list(dict.fromkeys(paths))  # each request once
    rnd.shuffle(paths)
    with open(os.path.join(out, name + ".paths"), "w") as f:
        f.write("".join(p + "\n" for p in paths))
print(" ".join("%s: %d" % (k, len(set(v))) for k, v in lists.items()), "distinct requests")
