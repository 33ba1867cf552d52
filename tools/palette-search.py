# The search that chose the actor palette in src/ui/theme.rs (LIGHT_ACTORS, DARK_ACTORS).
# Hill-climbs CIELCh lightness and chroma per palette place, hues held within 15 degrees of the
# first palette, scoring the least CIEDE2000 distance in both themes under WCAG 4.5:1 contrast
# and the Machado et al. (2009) deuteranopia and protanopia matrices. Run: python3 tools/palette-search.py
import math, random
random.seed(7)
def linear(c):
    c=c/255
    return c/12.92 if c<=0.04045 else ((c+0.055)/1.055)**2.4
def encode(v):
    v=min(max(v,0),1)
    s = v*12.92 if v<=0.0031308 else 1.055*v**(1/2.4)-0.055
    return round(s*255)
def lab(rgb):
    r,g,b=[linear(c) for c in rgb]
    x=(0.4124*r+0.3576*g+0.1805*b)/0.95047
    y=(0.2126*r+0.7152*g+0.0722*b)
    z=(0.0193*r+0.1192*g+0.9505*b)/1.08883
    f=lambda t: t**(1/3) if t>216/24389 else (24389/27*t+16)/116
    fx,fy,fz=f(x),f(y),f(z)
    return (116*fy-16,500*(fx-fy),200*(fy-fz))
def lab_to_rgb(L,a,b):
    fy=(L+16)/116; fx=fy+a/500; fz=fy-b/200
    inv=lambda t: t**3 if t**3>216/24389 else (116*t-16)/(24389/27)
    x=inv(fx)*0.95047; y=inv(fy); z=inv(fz)*1.08883
    r= 3.2406*x-1.5372*y-0.4986*z
    g=-0.9689*x+1.8758*y+0.0415*z
    bb=0.0557*x-0.2040*y+1.0570*z
    if min(r,g,bb)<-0.001 or max(r,g,bb)>1.001: return None
    return tuple(encode(v) for v in (r,g,bb))
def ciede(one,two):
    l1,a1,b1=one; l2,a2,b2=two
    cbar=(math.hypot(a1,b1)+math.hypot(a2,b2))/2
    g=0.5*(1-math.sqrt(cbar**7/(cbar**7+25**7)))
    a1p,a2p=(1+g)*a1,(1+g)*a2
    c1p,c2p=math.hypot(a1p,b1),math.hypot(a2p,b2)
    hue=lambda b,a: math.degrees(math.atan2(b,a))%360
    h1p,h2p=hue(b1,a1p),hue(b2,a2p)
    dlp=l2-l1; dcp=c2p-c1p; dhp=h2p-h1p
    if c1p*c2p==0: dhp=0
    elif dhp>180: dhp-=360
    elif dhp<-180: dhp+=360
    dH=2*math.sqrt(c1p*c2p)*math.sin(math.radians(dhp/2))
    lbp=(l1+l2)/2; cbp=(c1p+c2p)/2
    if c1p*c2p==0: hbp=h1p+h2p
    elif abs(h1p-h2p)<=180: hbp=(h1p+h2p)/2
    elif h1p+h2p<360: hbp=(h1p+h2p+360)/2
    else: hbp=(h1p+h2p-360)/2
    t=1-0.17*math.cos(math.radians(hbp-30))+0.24*math.cos(math.radians(2*hbp))+0.32*math.cos(math.radians(3*hbp+6))-0.20*math.cos(math.radians(4*hbp-63))
    dth=30*math.exp(-((hbp-275)/25)**2)
    rc=2*math.sqrt(cbp**7/(cbp**7+25**7))
    sl=1+0.015*(lbp-50)**2/math.sqrt(20+(lbp-50)**2)
    sc=1+0.045*cbp; sh=1+0.015*cbp*t
    rt=-math.sin(math.radians(2*dth))*rc
    return math.sqrt((dlp/sl)**2+(dcp/sc)**2+(dH/sh)**2+rt*(dcp/sc)*(dH/sh))
DEU=[[0.367322,0.860646,-0.227968],[0.280085,0.672501,0.047413],[-0.011820,0.042940,0.968881]]
PRO=[[0.152286,1.052583,-0.204868],[0.114503,0.786281,0.099216],[-0.003882,-0.048116,1.051998]]
def seen(rgb,m):
    v=[linear(c) for c in rgb]
    return tuple(encode(m[i][0]*v[0]+m[i][1]*v[1]+m[i][2]*v[2]) for i in range(3))
def lum(rgb):
    r,g,b=[linear(c) for c in rgb]; return 0.2126*r+0.7152*g+0.0722*b
def contrast(a,b):
    x,y=lum(a),lum(b); return (max(x,y)+0.05)/(min(x,y)+0.05)
def mind(cols):
    labs=[lab(c) for c in cols]
    return min(ciede(labs[i],labs[j]) for i in range(len(cols)) for j in range(i+1,len(cols)))
LBG=(248,248,248); DBG=(27,27,27)
def make(L,C,h):
    # reduce chroma until in gamut
    while C>0:
        rgb=lab_to_rgb(L,C*math.cos(math.radians(h)),C*math.sin(math.radians(h)))
        if rgb: return rgb
        C-=1
    return lab_to_rgb(L,0,0)
def score(genes):
    light=[make(*g[0]) for g in genes]; dark=[make(*g[1]) for g in genes]
    pen=0
    for c in light:
        k=contrast(c,LBG)
        if k<4.5: pen+= (4.5-k)*50
    for c in dark:
        k=contrast(c,DBG)
        if k<4.5: pen+= (4.5-k)*50
    # same hue family: light and dark hue close
    for (l,d) in zip(light,dark):
        hl=math.degrees(math.atan2(lab(l)[2],lab(l)[1]))%360; hd=math.degrees(math.atan2(lab(d)[2],lab(d)[1]))%360
        dh=abs(hl-hd); dh=min(dh,360-dh)
        if dh>20: pen+=(dh-20)
        # chroma: no greys (C >= 25)
        for c in (l,d):
            L,a,b=lab(c)
            if math.hypot(a,b)<32: pen+=(32-math.hypot(a,b))*2
    s=min(mind(light),mind(dark))
    cvd=min(mind([seen(c,m) for c in pal[:6]]) for pal in (light,dark) for m in (DEU,PRO))
    return min(s, cvd*12/7)-pen, light, dark, s, cvd
# initial: okabe-ito-like hue order
cur=[(0,114,178),(213,94,0),(136,34,85),(136,68,0),(0,128,128),(51,34,136),(204,51,68),None,(85,68,221),(170,68,153),(17,119,51),(153,119,0)]
hues=[]
for c in cur:
    if c is None: hues.append(115.0); continue
    L,a,b=lab(c); hues.append(math.degrees(math.atan2(b,a))%360)
print([round(h) for h in hues])
seeds=list(hues)
genes=[[(44,60,h),(74,55,h)] for h in hues]
best=score(genes)
for it in range(30000):
    g=[list(x) for x in genes]
    i=random.randrange(12); j=random.randrange(2)
    L,C,h=g[i][j]
    k=random.randrange(3)
    if k==0: L+=random.uniform(-4,4)
    elif k==1: C+=random.uniform(-8,8)
    else:
        dh=random.uniform(-6,6)
        nh=(g[i][0][2]+dh)%360
        off=(nh-seeds[i]+180)%360-180
        if abs(off)>15: nh=(seeds[i]+15*(1 if off>0 else -1))%360
        g[i][0]=(g[i][0][0],g[i][0][1],nh); g[i][1]=(g[i][1][0],g[i][1][1],nh)
        L,C,h=g[i][j]
    if k!=2:
        L=min(max(L,36 if j==0 else 62),52 if j==0 else 84); C=min(max(C,30),110)
        g[i][j]=(L,C,h)
    sc=score(g)
    if sc[0]>=best[0]:
        best=sc; genes=g
print("score",best[0],"min light/dark",best[3],"cvd",best[4])
for l,d in zip(best[1],best[2]):
    print(list(l),list(d), round(contrast(l,LBG),2), round(contrast(d,DBG),2))
